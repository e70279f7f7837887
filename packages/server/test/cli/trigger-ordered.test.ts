import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isEvent } from '@switchboard/receiver';
import { TestReceiver } from '../helpers/test-receiver.js';
import { waitFor } from '../helpers/wait-for.js';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { runCliInProcess } from './support/run-cli.js';

const FILTER = '/restapi/v1.0/account/~/extension/~/telephony/sessions';

/**
 * `switchboard trigger telephony-session` to a subscription that asked for ordering
 * (docs/ordering.md): the call's four events arrive Setup → Proceeding → Answered → Disconnected,
 * even when the receiver fails the first one. Unordered, the retried Setup would arrive last.
 */
describe('switchboard trigger telephony-session, ordered', () => {
  let server: CliServer;
  let receiver: TestReceiver;

  before(async () => {
    server = await startCliServer({ retryScheduleMs: [100, 100, 100] });
    receiver = await TestReceiver.start({ verificationToken: 'ordered-test' });
    const res = await fetch(`${server.url}/restapi/v1.0/subscription`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        eventFilters: [FILTER],
        deliveryMode: { transportType: 'WebHook', address: receiver.url, verificationToken: 'ordered-test' },
        ordering: {},
      }),
    });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    const created = JSON.parse(text) as { ordering?: unknown; warnings?: unknown };
    assert.deepEqual(created.ordering, { key: null, onDead: 'skip' });
    assert.equal(created.warnings, undefined, 'ordering is a known field');
  });

  after(async () => {
    await server.stop();
    await receiver.close();
  });

  test('arrives Setup → Proceeding → Answered → Disconnected, a failed Setup retried first', async () => {
    const failedOnce = new Set<string>();
    receiver.respond = (n) => {
      const setup = isEvent(n, 'telephony-session') && n.body.parties[0]?.status.code === 'Setup';
      if (setup && !failedOnce.has(n.uuid)) {
        failedOnce.add(n.uuid);
        return { status: 503 };
      }
      return { status: 200 };
    };
    for (let call = 0; call < 3; call++) {
      const start = receiver.received.length;
      const result = await runCliInProcess(['trigger', 'telephony-session', '--json'], server.env);
      assert.equal(result.code, 0, result.stderr);
      await waitFor(() => receiver.received.length >= start + 5, 'four notifications and one retry');
      const codes = receiver.received.slice(start).map(({ notification: n }) => {
        assert.ok(isEvent(n, 'telephony-session'));
        return n.body.parties[0]?.status.code;
      });
      assert.deepEqual(codes, ['Setup', 'Setup', 'Proceeding', 'Answered', 'Disconnected'], `call ${call}`);
    }
  });
});
