import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Attempt } from '../../src/model.js';
import type { Store, StoreChangeListener } from '../../src/store/store.js';
import { waitFor } from '../helpers/wait-for.js';
import { makeDelivery, makeEvent, makeSubscription, nextId, T0 } from './fixtures.js';
import { runDirectoryContract, runOAuthContract } from './oauth-contract.js';
import { runOrderingContract } from './ordering-contract.js';
import { runSearchCases } from './search-contract.js';

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

/** How the contract reaches one backend. */
export interface ContractBackend {
  /**
   * A migrated store on the database under test. The first call gets a fresh, empty database;
   * every further call opens another store on the SAME database, as another node would.
   */
  open(): Promise<Store>;
  /** Removes the database after the suite. */
  dispose?(): Promise<void>;
  /** Why the suite cannot run here (the backend is not available), shown as the skip reason. */
  skip?: string | undefined;
}

/**
 * The one behaviour every Store backend must have. Each backend's test file calls
 * this once; the cases with two stores on one database stand for two nodes.
 */
export function runStoreContract(name: string, backend: ContractBackend): void {
  describe(`Store contract: ${name}`, { skip: backend.skip ?? false }, () => {
    let store: Store;
    let peer: Store;
    before(async () => {
      store = await backend.open();
      peer = await backend.open();
    });
    after(async () => {
      await store?.close();
      await peer?.close();
      await backend.dispose?.();
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

    test('publish with a lease: taken deliveries come back leased with their target, the rest stay claimable', async () => {
      const mine = makeSubscription({ address: 'http://127.0.0.1:9/mine' });
      const other = makeSubscription();
      const blacklisted = makeSubscription({ status: 'Blacklisted' });
      for (const s of [mine, other, blacklisted]) await store.createSubscription(s);
      // Long before every other case's rows: this case's claims lease nothing of theirs.
      const t = T0 - 10_000_000;
      const event = makeEvent({ publisherId: nextId('lease'), createdAt: t });
      const ds = [mine, mine, other, blacklisted].map((s) => makeDelivery(event, s, { nextAttemptAt: t }));
      const asked: string[] = [];
      const lease = {
        until: t + 30_000,
        take: (id: string) => {
          asked.push(id);
          return id === mine.id;
        },
      };
      const [result] = await store.publish([{ event, deliveries: ds }], lease);
      assert.deepEqual(asked, [mine.id, mine.id, other.id], 'asked in order, only for Active subscriptions');
      assert.deepEqual(
        result?.claimed.map((c) => c.delivery.id),
        [ds[0]?.id, ds[1]?.id],
      );
      const taken = result?.claimed[0];
      assert.equal(taken?.delivery.uuid, ds[0]?.uuid);
      assert.equal(taken?.event.bodyJson, event.bodyJson);
      assert.equal(taken?.event.createdAt, event.createdAt);
      assert.deepEqual(taken?.subscription, {
        id: mine.id,
        accountId: mine.accountId,
        extensionId: mine.extensionId,
        address: mine.address,
        verificationToken: mine.verificationToken,
        signingSecrets: mine.signingSecrets,
      });

      const wide = { ...claimDefaults, limit: 10_000, perSubscription: 10_000 };
      const ids = async (now: number) => (await peer.claimDue({ ...wide, now })).map((c) => c.delivery.id);
      const first = await ids(t);
      assert.ok(first.includes(ds[2]?.id ?? ''), 'what was declined waits for any claim');
      assert.ok(
        !first.includes(ds[0]?.id ?? '') && !first.includes(ds[1]?.id ?? ''),
        'taken ones are leased',
      );
      assert.ok(!first.includes(ds[3]?.id ?? ''), 'a blacklisted subscription is never claimed');

      // The node holding them keeps their lease alive past its first end.
      await store.extendLeases([ds[0]?.id ?? '', ds[1]?.id ?? ''], t + 60_000);
      const extended = await ids(t + 31_000);
      assert.ok(!extended.includes(ds[0]?.id ?? '') && !extended.includes(ds[1]?.id ?? ''));
      const lapsed = await ids(t + 61_000);
      assert.ok(
        lapsed.includes(ds[0]?.id ?? '') && lapsed.includes(ds[1]?.id ?? ''),
        'claimable once it ends',
      );

      // The same publisher id again creates nothing, so takes nothing.
      asked.length = 0;
      const again = makeEvent({ publisherId: event.publisherId });
      const [repeat] = await store.publish(
        [{ event: again, deliveries: [makeDelivery(again, mine)] }],
        lease,
      );
      assert.equal(repeat?.created, false);
      assert.deepEqual(repeat?.claimed, []);
      assert.deepEqual(asked, []);
      for (const s of [mine, other, blacklisted]) await store.deleteSubscription(s.id);
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

    test('releaseClaims with notBefore gives deliveries back due no earlier than that, later ones untouched', async () => {
      const { ds } = await seed({}, 2);
      const claimed = await store.claimDue({ ...claimDefaults, now: T0 + 500_000 });
      const ids = ds.map((d) => d.id);
      assert.deepEqual(
        claimed
          .map((c) => c.delivery.id)
          .filter((id) => ids.includes(id))
          .sort(),
        [...ids].sort(),
      );
      const others = claimed.map((c) => c.delivery.id).filter((id) => !ids.includes(id));
      await store.releaseClaims(others); // other tests' rows, untouched
      await store.releaseClaims(ids, T0 + 600_000);
      const early = await store.claimDue({ ...claimDefaults, now: T0 + 599_999 });
      await store.releaseClaims(early.map((c) => c.delivery.id));
      assert.ok(!early.some((c) => ids.includes(c.delivery.id)), 'not due before notBefore');
      const due = await store.claimDue({ ...claimDefaults, now: T0 + 600_000 });
      await store.releaseClaims(due.map((c) => c.delivery.id).filter((id) => !ids.includes(id)));
      assert.deepEqual(
        due
          .map((c) => c.delivery.id)
          .filter((id) => ids.includes(id))
          .sort(),
        [...ids].sort(),
      );
      await store.releaseClaims(ids, T0); // an earlier notBefore never brings a delivery forward
      const still = await store.claimDue({ ...claimDefaults, now: T0 + 1 });
      await store.releaseClaims(still.map((c) => c.delivery.id));
      assert.ok(!still.some((c) => ids.includes(c.delivery.id)));
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

    test("claimDue reads each body once, shares it across the event's rows, and stops at maxBytes", async () => {
      // Three events of 1000 bytes, each to four subscriptions, due one after the other.
      const subs = Array.from({ length: 4 }, () => makeSubscription());
      for (const s of subs) await store.createSubscription(s);
      const events = [1, 2, 3].map((n) =>
        makeEvent({ createdAt: T0 - 90_000 + n, bodyJson: JSON.stringify({ pad: 'x'.repeat(990), n }) }),
      );
      for (const e of events)
        await store.publish([{ event: e, deliveries: subs.map((s) => makeDelivery(e, s)) }]);
      const now = T0 + 300_000;
      // 1500 bytes: the first body fits, the second crosses the budget and is the last taken.
      const claimed = await store.claimDue({ ...claimDefaults, now, perSubscription: 100, maxBytes: 1500 });
      const byEvent = new Map<string, Set<string>>();
      for (const c of claimed)
        byEvent.set(c.event.id, (byEvent.get(c.event.id) ?? new Set()).add(c.event.bodyJson));
      assert.deepEqual(
        [...byEvent.keys()].sort(),
        [events[0]?.id, events[1]?.id].sort(),
        'two bodies, not three',
      );
      assert.equal(claimed.length, 8, 'every row of both events');
      for (const [id, bodies] of byEvent) {
        assert.equal(bodies.size, 1, 'one body text per event');
        assert.equal([...bodies][0], events.find((e) => e.id === id)?.bodyJson);
      }
      const rest = await store.claimDue({ ...claimDefaults, now, perSubscription: 100 });
      assert.equal(rest.filter((c) => c.event.id === events[2]?.id).length, 4, 'the rest on the next claim');
      for (const s of subs) await store.deleteSubscription(s.id);
    });

    test('claimDue is not blocked by older rows of excluded or blacklisted subscriptions', async () => {
      // A hanging receiver's deliveries (excluded: at its cap) and a blacklisted subscription's
      // backlog are the OLDEST due rows; a small claim must still reach the healthy one behind them.
      const old = T0 - 60_000;
      const hung = makeSubscription();
      const parked = makeSubscription({ status: 'Blacklisted' });
      const healthy = makeSubscription();
      for (const s of [hung, parked, healthy]) await store.createSubscription(s);
      const early = makeEvent({ createdAt: old });
      await store.publish([
        {
          event: early,
          deliveries: [
            ...Array.from({ length: 40 }, () => makeDelivery(early, hung, { nextAttemptAt: old })),
            ...Array.from({ length: 40 }, () => makeDelivery(early, parked, { nextAttemptAt: old })),
          ],
        },
      ]);
      const late = makeEvent();
      await store.publish([{ event: late, deliveries: [makeDelivery(late, healthy)] }]);
      const claimed = await store.claimDue({
        ...claimDefaults,
        now: T0 + 200_000,
        limit: 2,
        excludeSubscriptionIds: [hung.id],
      });
      assert.deepEqual(
        claimed.map((c) => c.subscription.id),
        [healthy.id],
        'the healthy delivery is claimed past 80 older, unclaimable rows',
      );
      for (const s of [hung, parked, healthy]) await store.deleteSubscription(s.id);
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

    test('recordAttempts folds a mixed batch in order: the run restarts after the last success', async () => {
      const { sub, ds } = await seed({}, 4);
      const outcomes: Array<'failure' | 'success'> = ['failure', 'success', 'failure', 'failure'];
      const health = await store.recordAttempts(
        ds.map((d, i) => ({
          attempt: attempt(d.id, 1, outcomes[i] === 'success' ? 200 : 500, T0 + i * 100),
          next:
            outcomes[i] === 'success'
              ? { state: 'delivered' }
              : { state: 'pending', nextAttemptAt: T0 + 5000 },
          subscriptionId: sub.id,
          outcome: outcomes[i] ?? 'failure',
        })),
      );
      assert.deepEqual(health, [
        { subscriptionId: sub.id, status: 'Active', failingSince: T0 + 212, consecutiveFailures: 2 },
      ]);
      const stored = await store.getSubscription(sub.id);
      assert.equal(stored?.lastSuccessAt, T0 + 112);
      assert.equal(stored?.consecutiveFailures, 2);
      await store.deleteSubscription(sub.id);
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

    test('putOffNeverAttempted puts off only never-attempted, unleased rows of one subscription; makePutOffDue brings them back', async () => {
      const { sub, ds } = await seed({}, 4);
      const { sub: other, ds: otherDs } = await seed({}, 1);
      const [retried, leased, fresh1, fresh2] = ds;
      assert.ok(retried && leased && fresh1 && fresh2 && otherDs[0]);
      await store.recordAttempts([
        {
          attempt: attempt(retried.id, 1, 500, T0),
          next: { state: 'pending', nextAttemptAt: T0 + 5000 },
          subscriptionId: sub.id,
          outcome: 'failure',
        },
      ]);
      const claimed = await store.claimDue({ ...claimDefaults, now: T0, limit: 1000 });
      assert.ok(claimed.some((c) => c.delivery.id === leased.id));
      await store.releaseClaims(claimed.map((c) => c.delivery.id).filter((id) => id !== leased.id));
      const far = T0 + 2e9;
      assert.equal(await store.putOffNeverAttempted(sub.id, far, T0 + 1), 2);
      const at = async (id: string) => (await store.getDelivery(id))?.nextAttemptAt;
      assert.equal(await at(fresh1.id), far);
      assert.equal(await at(fresh2.id), far);
      assert.equal(await at(retried.id), T0 + 5000, 'a retry keeps its schedule');
      assert.equal(await at(leased.id), T0, "a leased delivery is the holder's to give back");
      assert.equal(await at(otherDs[0].id), T0, 'other subscriptions are untouched');
      assert.equal(await store.putOffNeverAttempted(sub.id, T0 + 1e6, T0 + 1), 0, 'never brought forward');
      const restart = T0 + 1e9;
      assert.ok((await store.makePutOffDue(restart)) >= 2);
      assert.equal(await at(fresh1.id), restart);
      assert.equal(await at(fresh2.id), restart);
      assert.equal(await at(retried.id), T0 + 5000);
      await store.releaseClaims([leased.id]);
      for (const s of [sub, other]) await store.deleteSubscription(s.id);
    });

    runTwoNodeCases(() => ({ store, peer }));
    runSearchCases(() => ({ store }));

    runOAuthContract(() => ({ store, peer }));
    runDirectoryContract(() => ({ store, peer }));
    runOrderingContract(() => ({ store, peer }));
  });
}

/**
 * What PostgreSQL adds and every backend must still honour: two stores on one database (two
 * nodes) never both take the same work. SQLite passes trivially (one writer at a time); these are
 * the cases that make several nodes safe.
 */
function runTwoNodeCases(stores: () => { store: Store; peer: Store }): void {
  test('two nodes claiming at once never lease the same delivery', async () => {
    const { store, peer } = stores();
    const now = T0 + 50_000_000;
    const subs = Array.from({ length: 5 }, () => makeSubscription());
    const seeded = new Set<string>();
    for (const sub of subs) {
      await store.createSubscription(sub);
      const event = makeEvent({ createdAt: now });
      const ds = Array.from({ length: 40 }, () => makeDelivery(event, sub));
      for (const d of ds) seeded.add(d.id);
      await store.publish([{ event, deliveries: ds }]);
    }
    const options = { ...claimDefaults, now, limit: 15, perSubscription: 100 };
    const claimedBy = new Map<string, number>();
    // SKIP LOCKED lets a claim pass over rows another claim holds, so under load a round can come
    // back short: claim until everything was claimed once (bounded), then judge.
    for (let round = 0; round < 50 && claimedBy.size < seeded.size; round++) {
      const batches = await Promise.all([
        store.claimDue(options),
        peer.claimDue(options),
        store.claimDue(options),
        peer.claimDue(options),
      ]);
      for (const c of batches.flat()) claimedBy.set(c.delivery.id, (claimedBy.get(c.delivery.id) ?? 0) + 1);
    }
    const twice = [...claimedBy].filter(([, n]) => n > 1);
    assert.deepEqual(twice, [], 'no delivery leased by two claims');
    for (const id of seeded) assert.ok(claimedBy.has(id), `delivery ${id} was claimed`);
    for (const sub of subs) await store.deleteSubscription(sub.id);
  });

  test('concurrent creates on two nodes never pass the per-extension limit (counted in the insert)', async () => {
    const { store, peer } = stores();
    const extensionId = nextId('ext');
    const subs = Array.from({ length: 60 }, () => makeSubscription({ extensionId }));
    const created = await Promise.all(
      subs.map((sub, i) => (i % 2 === 0 ? store : peer).createSubscription(sub, { maxLive: 30 })),
    );
    assert.equal(created.filter(Boolean).length, 30, 'exactly the limit was created');
    assert.equal(await store.countLiveSubscriptions('1001', extensionId), 30);
    // Expired ones do not count: the limit is on live subscriptions.
    const expired = makeSubscription({ extensionId: nextId('ext'), status: 'Expired' });
    await store.createSubscription(expired);
    assert.equal(
      await store.createSubscription(makeSubscription({ extensionId: expired.extensionId }), { maxLive: 1 }),
      true,
    );
    for (const [i, sub] of subs.entries()) if (created[i]) await store.deleteSubscription(sub.id);
  });

  test('an update conditional on a live status leaves a subscription expired meanwhile as it is', async () => {
    const { store } = stores();
    const sub = makeSubscription({ expiresAt: T0 + 1000 });
    await store.createSubscription(sub);
    assert.equal((await store.expireSubscriptions(T0 + 2000)).length >= 1, true);
    const patch = { expiresAt: T0 + 10_000_000, updatedAt: T0 + 2000 };
    const unchanged = await store.updateSubscription(sub.id, patch, {
      onlyIfStatus: ['Active', 'Blacklisted'],
    });
    assert.equal(unchanged?.status, 'Expired');
    assert.equal(unchanged?.expiresAt, T0 + 1000);
    assert.equal((await store.getSubscription(sub.id))?.expiresAt, T0 + 1000, 'nothing written');
    await store.deleteSubscription(sub.id);
  });

  test('two nodes publishing the same publisher id at once create one event', async () => {
    const { store, peer } = stores();
    const sub = makeSubscription();
    await store.createSubscription(sub);
    const attempts = Array.from({ length: 8 }, () => makeEvent({ publisherId: nextId('order') }));
    const publisherId = attempts[0]?.publisherId ?? '';
    const results = await Promise.all(
      attempts.map((e, i) => {
        const event = { ...e, publisherId };
        return (i % 2 === 0 ? store : peer).publish([{ event, deliveries: [makeDelivery(event, sub)] }]);
      }),
    );
    const flat = results.flat();
    assert.equal(flat.filter((r) => r.created).length, 1, 'exactly one publish created the event');
    const ids = new Set(flat.map((r) => r.event.id));
    assert.equal(ids.size, 1, 'every publish answered with the same event');
    const [id] = ids;
    assert.equal((await peer.listDeliveries({ eventId: id ?? '', limit: 10 })).length, 1);
    assert.equal((await store.listDeliveries({ subscriptionId: sub.id, limit: 100 })).length, 1);
    await store.deleteSubscription(sub.id);
  });

  test('two nodes running the background jobs at once claim each reminder, probe and expiry once', async () => {
    const { store, peer } = stores();
    const expiresAt = T0 + 90_000_000;
    const reminded = Array.from({ length: 10 }, () =>
      makeSubscription({ expiresAt, reminderThreshold: 300, reminderInterval: 100 }),
    );
    const probed = Array.from({ length: 10 }, () =>
      makeSubscription({ status: 'Blacklisted', nextProbeAt: expiresAt - 200_000, expiresAt: expiresAt + 1 }),
    );
    for (const s of [...reminded, ...probed]) await store.createSubscription(s);
    const now = expiresAt - 100_000;
    const count = (lists: Array<Array<{ id: string }>>, ids: string[]) =>
      ids.map((id) => lists.flat().filter((s) => s.id === id).length);

    const reminders = await Promise.all([store.claimReminders(now), peer.claimReminders(now)]);
    assert.deepEqual(
      count(
        reminders,
        reminded.map((s) => s.id),
      ),
      reminded.map(() => 1),
      'each reminder claimed by exactly one node',
    );
    const probes = await Promise.all([
      store.claimProbes(now, now + 900_000),
      peer.claimProbes(now, now + 900_000),
    ]);
    assert.deepEqual(
      count(
        probes,
        probed.map((s) => s.id),
      ),
      probed.map(() => 1),
      'each probe claimed by exactly one node',
    );
    const expired = await Promise.all([
      store.expireSubscriptions(expiresAt),
      peer.expireSubscriptions(expiresAt),
    ]);
    assert.deepEqual(
      count(
        expired,
        reminded.map((s) => s.id),
      ),
      reminded.map(() => 1),
      'each subscription expired by exactly one node',
    );
    for (const s of [...reminded, ...probed]) await store.deleteSubscription(s.id);
  });

  test('notify ⇔ watch(); a store that notifies tells other nodes about subscriptions and queued deliveries', async () => {
    const { store, peer } = stores();
    assert.equal(store.capabilities.notify, typeof store.watch === 'function', 'notify ⇔ watch()');
    // A single-node backend (SQLite) has nothing to tell: the capability check above is its case.
    if (!peer.watch) return;
    const changed: string[] = [];
    let queued = 0;
    const listener: StoreChangeListener = {
      deliveriesQueued: () => {
        queued += 1;
      },
      subscriptionChanged: (id) => changed.push(id),
      resync: () => undefined,
    };
    const unwatch = await peer.watch(listener);
    try {
      const sub = makeSubscription({ expiresAt: T0 + 95_000_000 });
      await store.createSubscription(sub);
      await waitFor(() => changed.includes(sub.id), 'the create notification');
      changed.length = 0;
      await store.updateSubscription(sub.id, { address: 'http://127.0.0.1:9/other', updatedAt: T0 });
      await waitFor(() => changed.includes(sub.id), 'the update notification');
      const event = makeEvent();
      await store.publish([{ event, deliveries: [makeDelivery(event, sub)] }]);
      await waitFor(() => queued > 0, 'the deliveries notification');
      changed.length = 0;
      await store.expireSubscriptions(T0 + 95_000_000);
      await waitFor(() => changed.includes(sub.id), 'the expiry notification');
      changed.length = 0;
      await store.deleteSubscription(sub.id);
      await waitFor(() => changed.includes(sub.id), 'the delete notification');
    } finally {
      await unwatch();
    }
  });
}
