import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { WebhookHandlerOptions } from '@switchboard/receiver';
import type { RunningExample } from '../../../../examples/example-options.js';
import * as expressExample from '../../../../examples/receiver-express.js';
import * as fastifyExample from '../../../../examples/receiver-fastify.js';
import * as fetchExample from '../../../../examples/receiver-fetch.js';
import * as nodeExample from '../../../../examples/receiver-node.js';
import type { CheckResult } from '../../src/cli/check/check-result.js';
import { runCliInProcess } from './support/run-cli.js';

// The examples bind all interfaces by default; loopback only while testing.
process.env.HOST = '127.0.0.1';

type Start = (port: number, options: WebhookHandlerOptions) => Promise<RunningExample>;

/** The examples, one per adapter of the receiver library (node, express, fastify, fetch). */
const EXAMPLES: Array<[string, Start]> = [
  ['receiver-node', nodeExample.start],
  ['receiver-express', expressExample.start],
  ['receiver-fastify', fastifyExample.start],
  ['receiver-fetch', fetchExample.start],
];

for (const [name, start] of EXAMPLES) {
  test(`switchboard check passes examples/${name}.ts, token and signature required`, async () => {
    const verificationToken = `vt-${name}`;
    const signingSecret = `whsec_${randomBytes(24).toString('base64')}`;
    const receiver = await start(0, { verificationToken, signingSecret, onNotification: () => undefined });
    try {
      const url = `http://127.0.0.1:${receiver.port}/webhook`;
      const args = [
        'check',
        url,
        '--verification-token',
        verificationToken,
        '--signing-secret',
        signingSecret,
      ];
      const result = await runCliInProcess([...args, '--json'], {});
      const report = JSON.parse(result.stdout);
      const failed = report.results.filter((r: CheckResult) => r.outcome === 'fail');
      assert.deepEqual(failed, []);
      assert.equal(result.code, 0);
      // Everything but http (a warning here, a failure under --strict) and what no one can see from outside.
      assert.deepEqual(
        report.results
          .filter((r: CheckResult) => r.outcome !== 'pass' && r.outcome !== 'info')
          .map((r: CheckResult) => r.rule),
        ['tls', 'duplicate.processed-once'],
      );
    } finally {
      await receiver.close();
    }
  });
}
