import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Delivery, Subscription, SubscriptionOrdering } from '../../src/model.js';
import type { AttemptResult, ClaimOptions, PublishLease, Store } from '../../src/store/store.js';
import { makeDelivery, makeEvent, makeSubscription, T0 } from './fixtures.js';

/** Far from the other contract cases' times, so their rows are never due in these claims. */
const BASE = T0 + 900_000_000;
const wide = { limit: 1000, leaseMs: 30_000, perSubscription: 1000, excludeSubscriptionIds: [] };

/**
 * Ordered delivery per key (docs/ordering.md), as every backend must keep it: a claim returns only
 * the head of each key and only while nothing of that key is leased; a publish hands over no
 * delivery whose key has an earlier one open; a dead delivery skips or blocks its key as the
 * subscription says; retries, redeliver, recover and lost leases keep the order. Run by
 * runStoreContract, so SQLite and PostgreSQL both pass it.
 */
export function runOrderingContract(stores: () => { store: Store; peer: Store }): void {
  describe('ordered delivery per key', () => {
    async function orderedSubscription(store: Store, ordering: Partial<SubscriptionOrdering> = {}) {
      const sub = makeSubscription({ ordering: { key: null, onDead: 'skip', ...ordering } });
      await store.createSubscription(sub);
      return sub;
    }

    /** Publishes one event per key, in the order given, each in its own publish. */
    async function publishKeys(store: Store, sub: Subscription, keys: string[], at = BASE) {
      const out: Delivery[] = [];
      for (const key of keys) {
        const event = makeEvent({ createdAt: at });
        const d = makeDelivery(event, sub, { orderingKey: key });
        await store.publish([{ event, deliveries: [d] }]);
        out.push(d);
      }
      return out;
    }

    async function claimOf(
      store: Store,
      sub: Subscription,
      now: number,
      options: Partial<ClaimOptions> = {},
    ) {
      const claimed = await store.claimDue({ ...wide, now, ...options });
      return claimed.filter((c) => c.subscription.id === sub.id).map((c) => c.delivery.id);
    }

    function finished(d: Delivery, next: AttemptResult['next'], at: number): AttemptResult {
      const ok = next.state === 'delivered';
      return {
        attempt: {
          deliveryId: d.id,
          attemptNo: 1,
          startedAt: at,
          latencyMs: 5,
          status: ok ? 200 : 500,
          error: ok ? null : 'Webhook responses with code: [500], reason: [Internal Server Error]',
          responseSnippet: null,
        },
        next,
        subscriptionId: d.subscriptionId,
        outcome: ok ? 'success' : 'failure',
      };
    }

    const ids = (ds: Array<Delivery | undefined>) => ds.map((d) => d?.id ?? '?').sort();

    test('a claim takes only the head of each key, and the next once the head is delivered', async () => {
      const { store } = stores();
      const sub = await orderedSubscription(store);
      const [a1, b1, a2, a3, b2] = await publishKeys(store, sub, ['A', 'B', 'A', 'A', 'B']);
      assert.deepEqual(
        (await claimOf(store, sub, BASE)).sort(),
        ids([a1, b1]),
        'one per key, keys in parallel',
      );
      assert.deepEqual(await claimOf(store, sub, BASE + 1), [], 'nothing of a key with one in flight');
      await store.recordAttempts([finished(a1 as Delivery, { state: 'delivered' }, BASE + 2)]);
      assert.deepEqual(await claimOf(store, sub, BASE + 3), ids([a2]));
      await store.recordAttempts([finished(b1 as Delivery, { state: 'delivered' }, BASE + 4)]);
      await store.recordAttempts([finished(a2 as Delivery, { state: 'delivered' }, BASE + 4)]);
      assert.deepEqual((await claimOf(store, sub, BASE + 5)).sort(), ids([a3, b2]));
      await store.deleteSubscription(sub.id);
    });

    test('an unordered subscription beside it is claimed whole, as before', async () => {
      const { store } = stores();
      const ordered = await orderedSubscription(store);
      const plain = makeSubscription();
      await store.createSubscription(plain);
      const event = makeEvent({ createdAt: BASE });
      const ds = Array.from({ length: 5 }, () => makeDelivery(event, plain));
      await store.publish([{ event, deliveries: ds }]);
      await publishKeys(store, ordered, ['A', 'A']);
      assert.deepEqual((await claimOf(store, plain, BASE)).sort(), ids(ds));
      const got = await store.getDelivery(ds[0]?.id ?? '');
      assert.equal(got?.orderingKey, undefined, 'an unordered delivery carries no key');
      for (const s of [ordered, plain]) await store.deleteSubscription(s.id);
    });

    test('a retry keeps its place: the next of its key waits, other keys go on', async () => {
      const { store } = stores();
      const sub = await orderedSubscription(store);
      const [a1, a2, b1] = await publishKeys(store, sub, ['A', 'A', 'B']);
      assert.deepEqual((await claimOf(store, sub, BASE, { limit: 1 })).sort(), ids([a1]));
      await store.recordAttempts([
        finished(a1 as Delivery, { state: 'pending', nextAttemptAt: BASE + 5000 }, BASE),
      ]);
      assert.deepEqual(await claimOf(store, sub, BASE + 10), ids([b1]), 'A2 waits behind the retry of A1');
      assert.deepEqual(await claimOf(store, sub, BASE + 5000), ids([a1]));
      await store.recordAttempts([finished(a1 as Delivery, { state: 'delivered' }, BASE + 5001)]);
      assert.deepEqual(await claimOf(store, sub, BASE + 5002), ids([a2]));
      await store.deleteSubscription(sub.id);
    });

    test('a dead delivery skips its key by default (the next goes), or blocks it until redelivered', async () => {
      const { store } = stores();
      const skipping = await orderedSubscription(store);
      const blocking = await orderedSubscription(store, { onDead: 'block' });
      const [s1, s2] = await publishKeys(store, skipping, ['K', 'K']);
      const [b1, b2] = await publishKeys(store, blocking, ['K', 'K']);
      await claimOf(store, skipping, BASE);
      await store.recordAttempts([
        finished(s1 as Delivery, { state: 'dead' }, BASE + 1),
        finished(b1 as Delivery, { state: 'dead' }, BASE + 1),
      ]);
      assert.deepEqual(await claimOf(store, skipping, BASE + 2), ids([s2]), 'skip: the next is the head');
      assert.deepEqual(await claimOf(store, blocking, BASE + 2), [], 'block: the key waits');
      assert.equal((await store.getDelivery(s1?.id ?? ''))?.state, 'dead', 'the skipped one stays visible');

      await store.redeliver(b1?.id ?? '', BASE + 3);
      assert.deepEqual(await claimOf(store, blocking, BASE + 3), ids([b1]), 'redelivered, it goes first');
      await store.recordAttempts([finished(b1 as Delivery, { state: 'delivered' }, BASE + 4)]);
      assert.deepEqual(await claimOf(store, blocking, BASE + 5), ids([b2]));
      for (const s of [skipping, blocking]) await store.deleteSubscription(s.id);
    });

    test('redeliver and recover wait for the key: never beside one in flight, then before the rest', async () => {
      const { store } = stores();
      const sub = await orderedSubscription(store);
      const [k1, k2, k3] = await publishKeys(store, sub, ['K', 'K', 'K']);
      await claimOf(store, sub, BASE);
      await store.recordAttempts([finished(k1 as Delivery, { state: 'delivered' }, BASE + 1)]);
      assert.deepEqual(await claimOf(store, sub, BASE + 2), ids([k2]));
      await store.redeliver(k1?.id ?? '', BASE + 3);
      assert.deepEqual(await claimOf(store, sub, BASE + 4), [], 'K1 waits while K2 is in flight');
      await store.recordAttempts([finished(k2 as Delivery, { state: 'dead' }, BASE + 5)]);
      assert.deepEqual(await claimOf(store, sub, BASE + 6), ids([k1]), 'then K1 goes before K3');
      await store.recordAttempts([finished(k1 as Delivery, { state: 'delivered' }, BASE + 7)]);
      assert.equal(await store.recoverDeliveries(sub.id, 0, BASE + 8), 1, 'K2 (dead) is queued again');
      assert.deepEqual(await claimOf(store, sub, BASE + 9), ids([k2]), 'recovered K2 goes before K3');
      await store.recordAttempts([finished(k2 as Delivery, { state: 'delivered' }, BASE + 10)]);
      assert.deepEqual(await claimOf(store, sub, BASE + 11), ids([k3]));
      await store.deleteSubscription(sub.id);
    });

    test('a lost lease (a crashed node) frees the head again, never the one behind it', async () => {
      const { store, peer } = stores();
      const sub = await orderedSubscription(store);
      const [k1] = await publishKeys(store, sub, ['K', 'K']);
      assert.deepEqual(await claimOf(store, sub, BASE), ids([k1]));
      assert.deepEqual(await claimOf(peer, sub, BASE + 29_000), [], 'leased: the key is held');
      assert.deepEqual(
        await claimOf(peer, sub, BASE + 31_000),
        ids([k1]),
        'the lease ran out: the same head',
      );
      await store.deleteSubscription(sub.id);
    });

    test('a publish hands over only the first delivery of a free key', async () => {
      const { store } = stores();
      const sub = await orderedSubscription(store);
      const [busy] = await publishKeys(store, sub, ['busy']);
      const lease: PublishLease = { until: BASE + 30_000, take: () => true };
      const event = makeEvent({ createdAt: BASE });
      const ds = ['busy', 'free', 'free', 'other'].map((key) =>
        makeDelivery(event, sub, { orderingKey: key }),
      );
      const [result] = await store.publish([{ event, deliveries: ds }], lease);
      const taken = (result?.claimed ?? []).map((c) => c.delivery.id).sort();
      assert.deepEqual(taken, ids([ds[1], ds[3]]), 'not behind an open one, not twice of one key');
      assert.deepEqual(await claimOf(store, sub, BASE + 1), ids([busy]), 'what waits is claimed in turn');
      await store.deleteSubscription(sub.id);
    });

    test('two nodes claiming at once never lease two deliveries of one key', async () => {
      const { store, peer } = stores();
      const sub = await orderedSubscription(store);
      const keys = Array.from({ length: 20 }, (_, i) => `key-${i}`);
      const event = makeEvent({ createdAt: BASE });
      const ds = [0, 1, 2].flatMap(() => keys.map((key) => makeDelivery(event, sub, { orderingKey: key })));
      await store.publish([{ event, deliveries: ds }]);
      const byId = new Map(ds.map((d) => [d.id, d]));
      const seen: string[][] = [];
      let now = BASE;
      for (let round = 0; round < 3; round++) {
        const batches = await Promise.all(
          [store, peer, store, peer].map((s) => claimOf(s, sub, now, { limit: 7 })),
        );
        const got = batches.flat();
        const keysNow = got.map((id) => byId.get(id)?.orderingKey);
        assert.equal(new Set(keysNow).size, keysNow.length, `round ${round}: one per key in flight`);
        seen.push(got);
        now += 1;
        await store.recordAttempts(
          got.map((id) => finished(byId.get(id) as Delivery, { state: 'delivered' }, now)),
        );
      }
      assert.ok(seen.flat().length >= 20, 'the keys were claimed in parallel');
      await store.deleteSubscription(sub.id);
    });
  });
}
