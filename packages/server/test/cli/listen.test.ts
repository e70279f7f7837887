import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { isEvent } from '@switchboard/receiver';
import { waitFor } from '../helpers/wait-for.js';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { runCliInProcess, startCliProcess } from './support/run-cli.js';
import { VerifyingApp } from './support/verifying-app.js';

/**
 * `switchboard listen` as a real process against a real server: subscription and handshake,
 * forwarding of the exact request (the app verifies the signature and the Verification-Token with
 * the receiver package), the printed lines, failures answered back and retried, renewal, and the
 * subscription deleted at exit.
 */
describe('switchboard listen', () => {
  let server: CliServer;
  let app: VerifyingApp;

  before(async () => {
    // Retries come quickly, so "the app failed, Switchboard retried" is seen within the test.
    server = await startCliServer({ retryScheduleMs: [500, 1000, 1000, 1000] });
    app = await VerifyingApp.start();
  });

  after(async () => {
    await app.close();
    await server.stop();
  });

  async function subscriptions(): Promise<Array<{ id: string; status: string }>> {
    const res = await fetch(`${server.url}/v1/subscriptions`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    const { records } = (await res.json()) as { records: Array<{ id: string; status: string }> };
    // A short-lived subscription may expire between two renewals on a busy machine; /v1 keeps those.
    return records.filter((s) => s.status !== 'Expired');
  }

  test('forwards the exact request, which the app verifies, and shows its status and latency', async () => {
    const listen = startCliProcess(
      ['listen', '--forward-to', app.url, '--verification-token', 'vt-listen-test'],
      server.env,
    );
    try {
      const ready = await listen.waitForOutput(/subscription\s+([0-9a-f-]{36}) /, 'the ready banner');
      const subscriptionId = ready[1] ?? '';
      const secret =
        (await listen.waitForOutput(/signing secret\s+(whsec_\S+)/, 'the signing secret'))[1] ?? '';
      assert.match(listen.stdout(), /verification token\s+vt-listen-test/);
      assert.match(listen.stdout(), new RegExp(`forwarding to\\s+${app.url.replace(/[.]/g, '\\.')}`));
      assert.deepEqual(
        (await subscriptions()).map((s) => s.id),
        [subscriptionId],
      );
      app.trust('vt-listen-test', secret);

      const trigger = await runCliInProcess(['trigger', 'presence-detailed'], server.env);
      assert.equal(trigger.code, 0, trigger.stderr);
      await waitFor(() => app.requests.length >= 1, 'the forwarded notification');
      const forwarded = app.requests[0];
      assert.ok(forwarded?.verified, `the app verified it: ${forwarded?.error}`);
      assert.equal(forwarded.headers['verification-token'], 'vt-listen-test');
      assert.match(String(forwarded.headers['webhook-signature']), /^v1,/);
      assert.match(String(forwarded.headers['user-agent']), /^RingCentral-Webhook\//);
      assert.ok(forwarded.notification && isEvent(forwarded.notification, 'presence'));
      assert.equal(forwarded.notification.subscriptionId, subscriptionId);

      const line = await listen.waitForOutput(
        /^(\d\d:\d\d:\d\d\.\d{3}) {2}presence +2001 Busy · CallConnected · 1 active call · seq \d+ {2}→ 200 OK \((\d+) ms\)\n +(\S+) · sub (\S+) · uuid (\S+)$/m,
        'the printed notification',
      );
      assert.equal(line[3], '/restapi/v1.0/account/1001/extension/2001/presence?detailedTelephonyState=true');
      assert.equal(line[4], subscriptionId.slice(0, 8));
      assert.equal(line[5], forwarded.notification.uuid.slice(0, 8));

      // The app fails: listen shows it and answers Switchboard with the same status, which retries.
      app.status = 500;
      await runCliInProcess(['trigger', 'sms-inbound'], server.env);
      await listen.waitForOutput(
        /instant-message .* → 500 Internal Server Error \(\d+ ms\)/,
        'the failure shown',
      );
      app.status = 200;
      await listen.waitForOutput(/instant-message .* → 200 OK \(\d+ ms\)/, 'the retry, answered 200');
      const sms = app.requests.filter((r) => r.notification && isEvent(r.notification, 'instant-message'));
      assert.deepEqual(sms.map((r) => r.answered).slice(0, 1), [500]);
      assert.equal(
        new Set(sms.map((r) => r.notification?.uuid)).size,
        1,
        'the retry is the same notification',
      );
      assert.ok(sms.every((r) => r.verified));

      assert.equal(await listen.stop('SIGINT'), 0);
      assert.match(listen.stdout(), new RegExp(`Stopped: deleted subscription ${subscriptionId}\\.`));
      assert.deepEqual(await subscriptions(), []);
    } finally {
      await listen.stop('SIGKILL');
    }
  });

  test('--json: one object per line; no forwarding answers 200; renews, re-creates, deletes on SIGTERM', async () => {
    const listen = startCliProcess(['listen', '--json', '--expires-in', '4'], server.env);
    try {
      await listen.waitForOutput(/"type":"ready"/, 'the ready line');
      const lines = () =>
        listen
          .stdout()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>);
      const ready = lines()[0] as {
        subscriptionId: string;
        signingSecret: string;
        verificationToken: string;
        forwardTo: null;
      };
      assert.match(ready.signingSecret, /^whsec_/);
      assert.match(ready.verificationToken, /^vt_/);
      assert.equal(ready.forwardTo, null);

      await runCliInProcess(['trigger', 'extension-update'], server.env);
      await listen.waitForOutput(/"type":"notification"/, 'the notification line');
      const received = lines().find((l) => l.type === 'notification') as {
        notification: { event: string; subscriptionId: string; body: { eventType: string } };
        forward: null;
        answered: number;
      };
      assert.equal(received.notification.event, '/restapi/v1.0/account/1001/extension/2001');
      assert.equal(received.notification.body.eventType, 'Update');
      assert.equal(received.forward, null);
      assert.equal(received.answered, 200);

      // Renewed at half its 4 s lifetime.
      await listen.waitForOutput(/"type":"renewed"/, 'a renewal', 15_000);
      // Deleted behind its back: the next renewal creates it again.
      const deleted = await runCliInProcess(['subscriptions', 'delete', ready.subscriptionId], server.env);
      assert.equal(deleted.code, 0, deleted.stderr);
      await waitFor(
        () => lines().filter((l) => l.type === 'ready').length === 2,
        'the subscription re-created',
        15_000,
      );
      const again = lines().filter((l) => l.type === 'ready')[1] as { subscriptionId: string };
      assert.notEqual(again.subscriptionId, ready.subscriptionId);

      assert.equal(await listen.stop('SIGTERM'), 0);
      const stopped = lines().at(-1) as { type: string; subscriptionId: string; deleted: boolean };
      assert.deepEqual(stopped, { type: 'stopped', subscriptionId: again.subscriptionId, deleted: true });
      assert.deepEqual(await subscriptions(), []);
    } finally {
      await listen.stop('SIGKILL');
    }
  });

  test('a server that is not running: a clear message and exit code 3', async () => {
    const port = await unusedPort();
    const listen = startCliProcess(['listen', '--server', `http://127.0.0.1:${port}`, '--token', 'x'], {});
    const code = await new Promise<number | null>((resolve) => listen.child.once('exit', resolve));
    assert.equal(code, 3);
    assert.ok(
      listen.stderr().includes(`Cannot reach Switchboard at http://127.0.0.1:${port} (connection refused)`),
      listen.stderr(),
    );
    assert.ok(
      listen.stderr().includes(`Is the server running at http://127.0.0.1:${port}? (set by --server)`),
    );
  });
});

/** A port nothing listens on: bound once by the OS, then released. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}
