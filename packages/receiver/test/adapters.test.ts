// One scenario table (support/scenarios.ts), run through every adapter on a real server bound to
// 127.0.0.1 on port 0, over real HTTP.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADAPTERS } from './support/adapter-servers.js';
import { Recorder } from './support/recorder.js';
import { send } from './support/requests.js';
import { BASE_OPTIONS, SCENARIOS } from './support/scenarios.js';

for (const adapter of ADAPTERS) {
  describe(`adapter: ${adapter.name}`, () => {
    for (const scenario of SCENARIOS) {
      test(scenario.name, async () => {
        const recorder = new Recorder(scenario.handlerFailures);
        const options = { ...BASE_OPTIONS, ...scenario.options, ...recorder };
        const receiver = await adapter.start(options, { preParsed: scenario.preParsed ?? false });
        try {
          const expected = scenario.expect(adapter);
          const requests = await scenario.requests();
          assert.equal(requests.length, expected.length, 'the scenario lists one expectation per request');
          for (const [index, request] of requests.entries()) {
            const response = await send(receiver.url, request);
            const wanted = expected[index]!;
            assert.equal(response.status, wanted.status, `status of response ${index + 1}: ${response.body}`);
            for (const [name, value] of Object.entries(wanted.headers ?? {})) {
              assert.equal(response.headers.get(name), value, `header ${name} of response ${index + 1}`);
            }
            if (wanted.body !== undefined) assert.equal(response.body, wanted.body);
          }
          const uuids = scenario.processed(adapter);
          await recorder.processedCount(uuids.length);
          assert.deepEqual(
            recorder.processed.map((notification) => notification.uuid),
            uuids,
          );
          assertErrorsReported(
            recorder,
            expected.map((response) => response.body ?? ''),
          );
        } finally {
          await receiver.close();
        }
      });
    }
  });
}

/** Every refused request reached onError with the code the response carried. */
function assertErrorsReported(recorder: Recorder, bodies: string[]): void {
  const answered = bodies
    .filter((body) => body.startsWith('{'))
    .map((body) => (JSON.parse(body) as { error: string }).error)
    .filter((code) => code !== 'processing_failed');
  const reported = recorder.errors.flatMap((context) =>
    context.phase === 'verification' ? [context.error.code] : [],
  );
  assert.deepEqual(reported, answered);
}
