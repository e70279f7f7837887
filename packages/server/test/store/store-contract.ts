import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Attempt } from '../../src/model.js';
import type { Store } from '../../src/store/store.js';
import { makeDelivery, makeEvent, makeSubscription, nextId, T0 } from './fixtures.js';

const claimDefaults = { limit: 100, leaseMs: 30_000, perSubscription: 100, excludeSubscriptionIds: [] };

function attempt(deliveryId: string, attemptNo: number, status: number | null, at = T0): Attempt {
  return {
    deliveryId,
    attemptNo,
    startedAt: at,
    latencyMs: 12,
    status,
    error: status === 200 ? null : 'Webhook responses with code: [500], reason: [Internal Server Error]',
    responseSnippet: 'ok',
  };
}

/**
 * The one behaviour every Store backend must have (STYLE.md §7). Each backend's test file calls
 * this with a factory that returns a fresh, migrated, empty store.
 */
export function runStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    async function seed(subOverrides = {}, deliveries = 1) {
      const sub = makeSubscription(subOverrides);
      await store.createSubscription(sub);
      const event = makeEvent();
      const ds = Array.from({ length: deliveries }, () => makeDelivery(event, sub));
      await store.publish([{ event, deliveries: ds }]);
      return { sub, event, ds };
    }

    test('migrate is idempotent', async () => {
      await store.migrate();
      await store.migrate();
    });

    test('tokens: create, find by hash, list, revoke', async () => {
      const token = {
        id: nextId('tok'),
        name: 'ci',
        role: 'publisher' as const,
        accountId: '7001',
        extensionId: '8001',
        hash: nextId('hash'),
        createdAt: T0,
        revokedAt: null,
      };
      await store.createToken(token);
      assert.deepEqual(await store.findTokenByHash(token.hash), token);
      assert.ok((await store.listTokens({ accountId: '7001' })).some((t) => t.id === token.id));
      assert.equal(await store.revokeToken(token.id, T0 + 1), true);
      assert.equal(await store.revokeToken(token.id, T0 + 2), false);
      assert.equal(await store.findTokenByHash(token.hash), null);
      assert.ok((await store.countTokens()) >= 1);
    });

    test('subscriptions: create, get, list by owner and status, update, count, delete', async () => {
      const a = makeSubscription({ accountId: '5001', extensionId: '6001' });
      const b = makeSubscription({ accountId: '5001', extensionId: '6002', status: 'Blacklisted' });
      await store.createSubscription(a);
      await store.createSubscription(b);
      assert.deepEqual(await store.getSubscription(a.id), a);
      assert.deepEqual(
        (await store.listSubscriptions({ accountId: '5001' })).map((s) => s.id),
        [a.id, b.id],
      );
      assert.deepEqual(
        (await store.listSubscriptions({ accountId: '5001', statuses: ['Blacklisted'] })).map((s) => s.id),
        [b.id],
      );
      assert.equal(await store.countLiveSubscriptions('5001', '6001'), 1);
      const updated = await store.updateSubscription(a.id, { eventFilters: ['/x'], updatedAt: T0 + 5 });
      assert.deepEqual(updated?.eventFilters, ['/x']);
      assert.deepEqual((await store.getSubscription(a.id))?.eventFilters, ['/x']);
      assert.equal(await store.updateSubscription('nope', { updatedAt: 1 }), null);
      assert.equal(await store.deleteSubscription(a.id), true);
      assert.equal(await store.deleteSubscription(a.id), false);
      assert.equal(await store.getSubscription(a.id), null);
    });

    test('publish commits events with deliveries and is idempotent on the publisher id', async () => {
      const sub = makeSubscription();
      await store.createSubscription(sub);
      const event = makeEvent({ publisherId: 'order-1' });
      const first = await store.publish([{ event, deliveries: [makeDelivery(event, sub)] }]);
      assert.equal(first[0]?.created, true);
      const again = makeEvent({ publisherId: 'order-1' });
      const second = await store.publish([{ event: again, deliveries: [makeDelivery(again, sub)] }]);
      assert.equal(second[0]?.created, false);
      assert.equal(second[0]?.event.id, event.id);
      assert.equal(await store.getEvent(again.id), null);
      assert.equal((await store.listDeliveries({ eventId: event.id, limit: 10 })).length, 1);
    });

    test('claimDue leases due deliveries of Active subscriptions only, once', async () => {
      const { ds } = await seed({}, 3);
      const { ds: blocked } = await seed({ status: 'Blacklisted' }, 2);
      const claimed = await store.claimDue({ ...claimDefaults, now: T0 });
      const ids = claimed.map((c) => c.delivery.id);
      for (const d of ds) assert.ok(ids.includes(d.id));
      for (const d of blocked) assert.ok(!ids.includes(d.id));
      const c = claimed.find((x) => x.delivery.id === ds[0]?.id);
      assert.equal(c?.event.bodyJson, '{"presenceStatus":"Available"}');
      assert.equal(c?.subscription.verificationToken, 'verify-me');
      const again = await store.claimDue({ ...claimDefaults, now: T0 + 1000 });
      assert.ok(!again.some((x) => ids.includes(x.delivery.id)), 'a lease is exclusive');
      const expired = await store.claimDue({ ...claimDefaults, now: T0 + 31_000 });
      for (const d of ds)
        assert.ok(
          expired.some((x) => x.delivery.id === d.id),
          'an ended lease frees the delivery',
        );
      await store.releaseClaims(ids);
      await store.recordAttempts(
        claimed.map((x) => ({
          attempt: attempt(x.delivery.id, 1, 200),
          next: { state: 'delivered' },
          subscriptionId: x.subscription.id,
          outcome: 'success',
        })),
      );
    });

    test('claimDue caps deliveries per subscription and skips excluded subscriptions', async () => {
      const { sub: busy } = await seed({}, 10);
      const { sub: other } = await seed({}, 2);
      const claimed = await store.claimDue({
        ...claimDefaults,
        now: T0 + 100_000,
        perSubscription: 3,
        excludeSubscriptionIds: [other.id],
      });
      assert.equal(claimed.filter((c) => c.subscription.id === busy.id).length, 3);
      assert.equal(claimed.filter((c) => c.subscription.id === other.id).length, 0);
      await store.deleteSubscription(busy.id);
      await store.deleteSubscription(other.id);
    });

    test('recordAttempts moves deliveries, logs attempts and tracks the failure run', async () => {
      const { sub, ds } = await seed({}, 2);
      const [d1, d2] = ds;
      assert.ok(d1 && d2);
      const health = await store.recordAttempts([
        {
          attempt: attempt(d1.id, 1, 500, T0),
          next: { state: 'pending', nextAttemptAt: T0 + 5000 },
          subscriptionId: sub.id,
          outcome: 'failure',
        },
        {
          attempt: attempt(d2.id, 1, 500, T0 + 10),
          next: { state: 'dead' },
          subscriptionId: sub.id,
          outcome: 'failure',
        },
      ]);
      assert.equal(health.length, 1);
      assert.equal(health[0]?.consecutiveFailures, 2);
      assert.equal(health[0]?.failingSince, T0 + 12);
      const moved = await store.getDelivery(d1.id);
      assert.equal(moved?.state, 'pending');
      assert.equal(moved?.attempts, 1);
      assert.equal(moved?.retryStep, 1);
      assert.equal(moved?.nextAttemptAt, T0 + 5000);
      assert.equal(moved?.lastStatus, 500);
      assert.equal((await store.getDelivery(d2.id))?.state, 'dead');
      assert.equal((await store.listAttempts(d1.id)).length, 1);
      await store.recordAttempts([
        {
          attempt: attempt(d1.id, 2, 200, T0 + 5000),
          next: { state: 'delivered' },
          subscriptionId: sub.id,
          outcome: 'success',
        },
      ]);
      const healed = await store.getSubscription(sub.id);
      assert.equal(healed?.consecutiveFailures, 0);
      assert.equal(healed?.failingSince, null);
      assert.equal(healed?.lastSuccessAt, T0 + 5012);
      assert.deepEqual(await store.countDeliveries(sub.id), {
        pending: 0,
        delivered: 1,
        dead: 1,
        expired: 0,
      });
    });

    test('redeliver and recover queue failed deliveries again with the same uuid', async () => {
      const { sub, ds } = await seed({}, 2);
      const [d1, d2] = ds;
      assert.ok(d1 && d2);
      await store.recordAttempts([
        {
          attempt: attempt(d1.id, 1, 500),
          next: { state: 'dead' },
          subscriptionId: sub.id,
          outcome: 'failure',
        },
        {
          attempt: attempt(d2.id, 1, 500),
          next: { state: 'dead' },
          subscriptionId: sub.id,
          outcome: 'failure',
        },
      ]);
      const again = await store.redeliver(d1.id, T0 + 9000);
      assert.equal(again?.state, 'pending');
      assert.equal(again?.uuid, d1.uuid);
      assert.equal(again?.retryStep, 0);
      assert.equal(again?.nextAttemptAt, T0 + 9000);
      assert.equal(await store.redeliver('missing', T0), null);
      assert.equal(await store.recoverDeliveries(sub.id, T0, T0 + 9000), 1);
      assert.equal((await store.getDelivery(d2.id))?.state, 'pending');
      const page = await store.listDeliveries({ subscriptionId: sub.id, states: ['pending'], limit: 1 });
      assert.equal(page.length, 1);
      const next = await store.listDeliveries({ subscriptionId: sub.id, limit: 10, beforeId: page[0]?.id });
      assert.equal(next.length, 1);
      await store.deleteSubscription(sub.id);
    });

    test('expiry: subscriptions expire, their queue becomes expired, and old ones are purged', async () => {
      const { sub, ds } = await seed({ expiresAt: T0 + 1000 });
      const expired = await store.expireSubscriptions(T0 + 1000);
      assert.ok(expired.some((s) => s.id === sub.id));
      assert.equal((await store.getSubscription(sub.id))?.status, 'Expired');
      assert.equal((await store.getDelivery(ds[0]?.id ?? ''))?.state, 'expired');
      assert.ok((await store.purgeExpiredSubscriptions(T0 + 2000)) >= 1);
      assert.equal(await store.getSubscription(sub.id), null);
    });

    test('reminders are claimed once per interval inside the threshold', async () => {
      const sub = makeSubscription({
        expiresAt: T0 + 1_000_000,
        reminderThreshold: 300,
        reminderInterval: 100,
      });
      await store.createSubscription(sub);
      const at = (ms: number) => store.claimReminders(ms).then((subs) => subs.some((s) => s.id === sub.id));
      assert.equal(await at(T0 + 1_000_000 - 301_000), false, 'not yet inside the threshold');
      assert.equal(await at(T0 + 1_000_000 - 300_000), true);
      assert.equal(await at(T0 + 1_000_000 - 250_000), false, 'interval not yet passed');
      assert.equal(await at(T0 + 1_000_000 - 200_000), true);
      await store.updateSubscription(sub.id, { expiresAt: T0 + 5_000_000, updatedAt: T0 });
      assert.equal(await at(T0 + 1_000_000 - 100_000), false, 'renewed: outside the threshold again');
      await store.deleteSubscription(sub.id);
    });

    test('probes are claimed for blacklisted subscriptions when due', async () => {
      const sub = makeSubscription({ status: 'Blacklisted', nextProbeAt: T0 + 1000 });
      const gone = makeSubscription({ status: 'Blacklisted', nextProbeAt: T0, probeEnabled: false });
      await store.createSubscription(sub);
      await store.createSubscription(gone);
      assert.deepEqual(
        (await store.claimProbes(T0 + 999, T0 + 5000)).map((s) => s.id),
        [],
      );
      assert.deepEqual(
        (await store.claimProbes(T0 + 1000, T0 + 5000)).map((s) => s.id),
        [sub.id],
      );
      assert.deepEqual(
        (await store.claimProbes(T0 + 1000, T0 + 5000)).map((s) => s.id),
        [],
      );
      await store.deleteSubscription(sub.id);
      await store.deleteSubscription(gone.id);
    });

    test('backlog retention expires old pending deliveries; retention prunes delivered ones', async () => {
      const { sub, ds } = await seed({}, 2);
      const [d1, d2] = ds;
      assert.ok(d1 && d2);
      await store.recordAttempts([
        {
          attempt: attempt(d1.id, 1, 200),
          next: { state: 'delivered' },
          subscriptionId: sub.id,
          outcome: 'success',
        },
      ]);
      assert.ok((await store.expireBacklog(T0 + 1, T0 + 2)) >= 1);
      assert.equal((await store.getDelivery(d2.id))?.state, 'expired');
      assert.ok((await store.pruneDelivered(T0 + 1_000_000)) >= 1);
      assert.equal(await store.getDelivery(d1.id), null);
      assert.equal((await store.listAttempts(d1.id)).length, 0);
      await store.deleteSubscription(sub.id);
    });

    test('nextDueAt reports the earliest pending delivery of an Active subscription', async () => {
      const { sub } = await seed({}, 1);
      const due = await store.nextDueAt();
      assert.equal(typeof due, 'number');
      await store.deleteSubscription(sub.id);
    });
  });
}
