import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestReceiver } from '../helpers/test-receiver.js';
import { eventually, subscribe } from './support/api.js';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { runCliInProcess } from './support/run-cli.js';

const SUBSCRIPTIONS = 8;

/**
 * With production rate limits, `deliveries list` once made one request per subscription and failed
 * (CMN-301) past the Light limit; now it is one search request, and redeliver by filter is one more.
 */
describe('switchboard deliveries over many subscriptions, rate limited', () => {
  let server: CliServer;
  let receiver: TestReceiver;

  before(async () => {
    // Fewer GETs allowed a minute than there are subscriptions.
    server = await startCliServer({ rateLimit: 'on', rateLimitLight: 4, retryScheduleMs: [20] });
    receiver = await TestReceiver.start();
    receiver.respond = () => ({ status: 503 });
    for (let i = 0; i < SUBSCRIPTIONS; i++)
      await subscribe(server, receiver.url, ['/restapi/v1.0/account/~/extension/~/presence']);
    const triggered = await runCliInProcess(['trigger', 'presence', '--json'], server.env);
    assert.equal(triggered.code, 0, triggered.stderr);
    const { store } = server.app.ctx;
    await eventually(
      async () =>
        (await store.searchDeliveries({ scope: {}, states: ['dead'], limit: 100 })).length === SUBSCRIPTIONS,
      'every delivery to die after its retry',
    );
  });
  after(async () => {
    await server.stop();
    await receiver.close();
  });

  test('list --state dead: every subscription, one request', async () => {
    const listed = await runCliInProcess(
      ['deliveries', 'list', '--state', 'dead', '--status', '503', '--json'],
      server.env,
    );
    assert.equal(listed.code, 0, listed.stderr);
    const { records } = JSON.parse(listed.stdout);
    assert.equal(records.length, SUBSCRIPTIONS);
    assert.equal(
      new Set(records.map((r: { subscriptionId: string }) => r.subscriptionId)).size,
      SUBSCRIPTIONS,
    );

    const paged = await runCliInProcess(['deliveries', 'list', '--limit', '3', '--json'], server.env);
    assert.equal(JSON.parse(paged.stdout).records.length, 3);
    assert.ok(JSON.parse(paged.stdout).nextPageToken, 'a token for the next page');
  });

  test('redeliver --state dead: one request requeues them all, and they are delivered', async () => {
    receiver.respond = () => ({ status: 200 });
    const before = receiver.received.length;
    const result = await runCliInProcess(
      ['deliveries', 'redeliver', '--state', 'dead', '--json'],
      server.env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { requeued: SUBSCRIPTIONS, more: false });
    await eventually(async () => receiver.received.length >= before + SUBSCRIPTIONS, 'the redeliveries');
    const again = await runCliInProcess(['deliveries', 'redeliver', '--state', 'dead'], server.env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Requeued 0 deliveries/);
  });

  test('a state that is never redelivered by filter is a usage error', async () => {
    const result = await runCliInProcess(['deliveries', 'redeliver', '--state', 'delivered'], server.env);
    assert.equal(result.code, 2, result.stdout);
    assert.match(result.stderr, /only dead and expired/);
  });
});
