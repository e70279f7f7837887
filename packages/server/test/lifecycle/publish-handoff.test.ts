import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pino from 'pino';
import { createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { resolveConfig } from '../../src/config.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { ClaimOptions, Store } from '../../src/store/store.js';
import { injectAsAdmin } from '../helpers/inject-as-admin.js';
import { stopAfterEach } from '../helpers/stop-after-each.js';
import { countingRandom } from '../helpers/test-app.js';
import { TestReceiver } from '../helpers/test-receiver.js';
import { waitFor } from '../helpers/wait-for.js';

const PRESENCE = '/restapi/v1.0/account/1001/extension/2001/presence';

/**
 * A publish on a running node commits the deliveries its dispatcher can take already leased and
 * hands them over in memory (docs/performance.md); the rest wait in the table for a claim. The node keeps the
 * leases of what it holds alive, and gives back a subscription's queue when it is blacklisted.
 * Real sockets and the dispatcher's own loop; the clock is injected.
 */
describe('publish → dispatcher in memory', () => {
  const started = stopAfterEach();

  /** A running dispatcher (no HTTP listener: requests go through inject) with a store that records claims. */
  async function start(config: Record<string, unknown>, subscriptions = 1) {
    const clock = new ManualClock();
    const real = createSqliteStore({ filename: ':memory:' });
    const claimed = new Set<string>();
    const extended: Array<{ ids: string[]; until: number }> = [];
    const store: Store = {
      ...real,
      claimDue: async (o: ClaimOptions) => {
        const rows = await real.claimDue(o);
        for (const r of rows) claimed.add(r.delivery.id);
        return rows;
      },
      extendLeases: async (ids, until) => {
        extended.push({ ids, until });
        await real.extendLeases(ids, until);
      },
    };
    const app = await createApp({
      config: resolveConfig({ flags: { port: 0, logLevel: 'silent', dataDir: '/nonexistent', ...config } }),
      clock,
      random: countingRandom(),
      logger: pino({ level: 'silent' }),
      store,
    });
    started.app = app;
    const receiver = await TestReceiver.start();
    started.receiver = receiver;
    const a = app;
    const call = (method: 'GET' | 'POST', url: string, body?: unknown) => injectAsAdmin(a, method, url, body);
    const subscribe = () =>
      call('POST', '/restapi/v1.0/subscription', {
        eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
        deliveryMode: { transportType: 'WebHook', address: receiver.url },
      });
    const sub = await subscribe();
    assert.equal(sub.status, 200, JSON.stringify(sub.body));
    for (let i = 1; i < subscriptions; i++) assert.equal((await subscribe()).status, 200);
    a.dispatcher.start();
    const publish = async (n: number) => {
      const res = await call('POST', '/v1/events', {
        events: Array.from({ length: n }, (_, seq) => ({ event: PRESENCE, body: { seq } })),
      });
      assert.equal(res.status, 202, JSON.stringify(res.body));
    };
    const deliveries = async () =>
      (await call('GET', `/v1/subscriptions/${sub.body.id}/deliveries?limit=500`)).body.records as Array<{
        id: string;
        state: string;
        attempts: number;
      }>;
    return {
      app: a,
      receiver,
      clock,
      real,
      claimed,
      extended,
      publish,
      deliveries,
      subscriptionId: sub.body.id,
    };
  }

  test('what the buffer holds is never claimed back; the rest is, and all arrive once', async () => {
    // perSubscriptionConcurrency 1: this subscription's buffer on the node is 64 deliveries.
    const t = await start({ perSubscriptionConcurrency: 1 });
    await t.publish(100);
    await waitFor(() => t.receiver.uuids().size === 100, '100 notifications');
    await waitFor(() => t.claimed.size === 36, 'the claims of the 36 the buffer could not take');
    const all = await t.deliveries();
    const handed = all.filter((d) => !t.claimed.has(d.id));
    assert.equal(handed.length, 64, 'a buffer-full went straight from the publish to the sender');
    assert.equal(t.receiver.received.length, 100, 'no notification sent twice');
  });

  test('what the node-wide buffer could not take is claimed as room frees, not at the next poll', async () => {
    // Node-wide buffer: max(maxInFlight * 32, claimBatchSize) = 32 deliveries; the poll never comes.
    const t = await start(
      { maxInFlight: 1, claimBatchSize: 4, pollIntervalMs: 3_600_000, maxSubscriptionsPerExtension: 40 },
      40,
    );
    await t.publish(1); // one event, 40 subscriptions: 32 handed over, 8 left in the table
    await waitFor(() => t.receiver.uuids().size === 40, 'all 40 without waiting for a poll');
    assert.equal(t.claimed.size, 8);
  });

  test('a publish never overtakes what waits in the table: one subscription is served first in, first out', async () => {
    // perSubscriptionConcurrency 1: a buffer of 64 and one request at a time, so the order the
    // receiver sees is the order they were sent in.
    const t = await start({ perSubscriptionConcurrency: 1 });
    const gates: Array<() => void> = [];
    const closeGate = () => {
      t.receiver.gate = new Promise<void>((resolve) => gates.push(resolve));
    };
    closeGate();
    await t.publish(100); // seq 0–99: 64 held here, 36 left in the table
    await waitFor(() => t.receiver.received.length === 1, 'the first notification, held');
    closeGate();
    gates.shift()?.(); // the first one answers: its slot frees and the buffer has room again
    await waitFor(() => t.receiver.received.length === 2, 'the second notification, held');
    // Room for one more, yet 36 older ones wait in the table: these 10 must wait behind them.
    const res = await injectAsAdmin(t.app, 'POST', '/v1/events', {
      events: Array.from({ length: 10 }, (_, i) => ({ event: PRESENCE, body: { seq: 100 + i } })),
    });
    assert.equal(res.status, 202);
    t.receiver.gate = null;
    for (const open of gates.splice(0)) open();
    await waitFor(() => t.receiver.uuids().size === 110, '110 notifications');
    const order = t.receiver.received.map((r) => (r.notification.body as { seq: number }).seq);
    assert.deepEqual(
      order,
      Array.from({ length: 110 }, (_, i) => i),
      'sent in the order they were published',
    );
  });

  test('the leases of held deliveries are kept alive while they wait', async () => {
    const t = await start({ perSubscriptionConcurrency: 1, leaseMs: 300 });
    let open: () => void = () => undefined;
    t.receiver.gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    await t.publish(3); // one in flight (held at the receiver), two queued behind it
    await waitFor(() => t.receiver.received.length === 1, 'the first notification');
    t.clock.advance(10_000); // far past the first lease
    const mark = t.extended.length;
    await waitFor(() => t.extended.length > mark, 'the lease keeper to run');
    const renewal = t.extended.at(-1);
    assert.equal(renewal?.ids.length, 3, 'in flight and queued');
    assert.equal(renewal?.until, t.clock.now() + 300);
    const other = await t.real.claimDue({
      now: t.clock.now(),
      limit: 100,
      leaseMs: 300,
      perSubscription: 100,
      excludeSubscriptionIds: [],
    });
    assert.deepEqual(other, [], 'another claimer finds nothing to take');
    open();
    await waitFor(() => t.receiver.received.length === 3, 'all three');
  });

  test('a subscription blacklisted by a 410 gives back its queue, unsent and unleased', async () => {
    const t = await start({ perSubscriptionConcurrency: 1 });
    t.receiver.respond = () => ({ status: 410 });
    await t.publish(10);
    await waitFor(() => t.receiver.received.length > 0, 'the first attempt');
    // Each delivery ends sent (and dead: 410 is not retried) or given back untried.
    let pending: Array<{ id: string; state: string; attempts: number }> = [];
    for (let i = 0; i < 500; i++) {
      pending = (await t.deliveries()).filter((x) => x.state === 'pending' && x.attempts === 0);
      if (pending.length + t.receiver.received.length === 10) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(pending.length + t.receiver.received.length, 10, 'every delivery sent or given back');
    assert.ok(t.receiver.received.length < 10, `sent ${t.receiver.received.length} of 10 after the 410`);
    await t.real.updateSubscription(t.subscriptionId, { status: 'Active', updatedAt: t.clock.now() });
    // The dispatcher gives the queue back right after recording the blacklisting; wait until it
    // has (a probe claim with a zero lease holds nothing), so the claim below is not a race.
    const probe = {
      now: t.clock.now(),
      limit: 100,
      leaseMs: 0,
      perSubscription: 100,
      excludeSubscriptionIds: [],
    };
    for (let i = 0; i < 500 && (await t.real.claimDue(probe)).length < pending.length; i++)
      await new Promise((resolve) => setImmediate(resolve));
    const back = await t.real.claimDue({
      now: t.clock.now(),
      limit: 100,
      leaseMs: 300,
      perSubscription: 100,
      excludeSubscriptionIds: [],
    });
    assert.deepEqual(
      back.map((c) => c.delivery.id).sort(),
      pending.map((d) => d.id).sort(),
      'claimable again once the subscription is back',
    );
  });
});
