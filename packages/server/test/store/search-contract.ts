import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Attempt, Delivery, Subscription } from '../../src/model.js';
import type { Store } from '../../src/store/store.js';
import { makeDelivery, makeEvent, makeSubscription, nextId, T0 } from './fixtures.js';

/**
 * The contract of the server-wide search, bulk redeliver and the metrics' queue summary, run by
 * runStoreContract for every backend. Each case uses accounts of its own: the suite's database is
 * shared by all cases.
 */
export function runSearchCases(stores: () => { store: Store }): void {
  /** Publishes one delivery at `at`, then moves it to `state` the way the dispatcher records it. */
  async function seed(
    store: Store,
    sub: Subscription,
    at: number,
    finish: {
      state?: 'dead' | 'delivered';
      lastStatus?: number;
      retryStep?: number;
      nextAttemptAt?: number;
    } = {},
  ) {
    const event = makeEvent({ accountId: sub.accountId, createdAt: at, path: sub.eventFilters[0] ?? '' });
    const delivery = makeDelivery(event, sub, { createdAt: at, nextAttemptAt: finish.nextAttemptAt ?? at });
    await store.publish([{ event, deliveries: [delivery] }]);
    const failures = finish.retryStep ?? (finish.state === 'dead' ? 1 : 0);
    for (let n = 1; n <= failures; n++) {
      const last = n === failures;
      const next =
        last && finish.state === 'dead'
          ? ({ state: 'dead' } as const)
          : ({ state: 'pending', nextAttemptAt: finish.nextAttemptAt ?? at } as const);
      await store.recordAttempts([
        {
          attempt: attempt(delivery.id, n, finish.lastStatus ?? 500, at),
          next,
          subscriptionId: sub.id,
          outcome: 'failure',
        },
      ]);
    }
    if (finish.state === 'delivered')
      await store.recordAttempts([
        {
          attempt: attempt(delivery.id, failures + 1, finish.lastStatus ?? 200, at),
          next: { state: 'delivered' },
          subscriptionId: sub.id,
          outcome: 'success',
        },
      ]);
    return delivery;
  }

  function attempt(deliveryId: string, attemptNo: number, status: number, at: number): Attempt {
    return { deliveryId, attemptNo, startedAt: at, latencyMs: 5, status, error: null, responseSnippet: null };
  }

  function owners() {
    const accountId = nextId('acct');
    const filter = (ext: string) => `/restapi/v1.0/account/${accountId}/extension/${ext}/presence`;
    return {
      accountId,
      mine: makeSubscription({ accountId, extensionId: '1', eventFilters: [filter('1')] }),
      colleague: makeSubscription({ accountId, extensionId: '2', eventFilters: [filter('2')] }),
      foreign: makeSubscription({ accountId: nextId('acct'), extensionId: '1' }),
    };
  }

  test('searchDeliveries never lists rows outside the scope and combines filters', async () => {
    const { store } = stores();
    const { accountId, mine, colleague, foreign } = owners();
    for (const s of [mine, colleague, foreign]) await store.createSubscription(s);
    const dead500 = await seed(store, mine, T0 + 1, { state: 'dead', lastStatus: 500 });
    const dead404 = await seed(store, mine, T0 + 2, { state: 'dead', lastStatus: 404 });
    await seed(store, mine, T0 + 3, { state: 'delivered', lastStatus: 200 });
    const colleagues = await seed(store, colleague, T0 + 4, { state: 'dead', lastStatus: 500 });
    await seed(store, foreign, T0 + 5, { state: 'dead', lastStatus: 500 });

    const ids = async (q: Partial<Parameters<Store['searchDeliveries']>[0]>) =>
      (await store.searchDeliveries({ scope: { accountId, extensionId: '1' }, limit: 50, ...q })).map(
        (d) => d.id,
      );
    assert.deepEqual(await ids({ states: ['dead'] }), [dead404.id, dead500.id]);
    assert.deepEqual(await ids({ states: ['dead'], statusCodes: [500] }), [dead500.id]);
    assert.deepEqual(await ids({ createdFrom: T0 + 2, createdUntil: T0 + 3 }), [dead404.id]);
    assert.deepEqual(
      await ids({ subscriptionId: colleague.id }),
      [],
      "a colleague's subscription stays hidden",
    );
    assert.deepEqual(await ids({ eventPath: `/restapi/v1.0/account/${accountId}/extension/2` }), []);
    assert.equal((await ids({ eventPath: `/restapi/v1.0/account/${accountId}/extension/1` })).length, 3);

    const account = await store.searchDeliveries({ scope: { accountId }, states: ['dead'], limit: 50 });
    assert.deepEqual(
      account.map((d) => d.id),
      [colleagues.id, dead404.id, dead500.id],
      'an account scope sees every extension of the account and nothing of another account',
    );
    const everything = await store.searchDeliveries({ scope: {}, subscriptionId: foreign.id, limit: 50 });
    assert.equal(everything.length, 1, 'the empty scope (server admin) sees all');
  });

  test('paging by cursor is stable while newer rows are added', async () => {
    const { store } = stores();
    const { accountId, mine } = owners();
    await store.createSubscription(mine);
    const seeded: Delivery[] = [];
    for (let i = 0; i < 5; i++) seeded.push(await seed(store, mine, T0 + 10 + Math.floor(i / 2)));
    const scope = { accountId };
    const first = await store.searchDeliveries({ scope, limit: 2 });
    for (let i = 0; i < 3; i++) await seed(store, mine, T0 + 100 + i);
    const pages = [first];
    for (let last = first.at(-1); last; ) {
      const page = await store.searchDeliveries({
        scope,
        limit: 2,
        after: { createdAt: last.createdAt, id: last.id },
      });
      pages.push(page);
      last = page.at(-1);
    }
    const listed = pages.flat().map((d) => d.id);
    assert.deepEqual(
      listed,
      [...seeded].reverse().map((d) => d.id),
      'each seeded row once, newest first',
    );
  });

  test('searchEvents: scope, subscription and path', async () => {
    const { store } = stores();
    const { accountId, mine, colleague, foreign } = owners();
    for (const s of [mine, colleague, foreign]) await store.createSubscription(s);
    const a = await seed(store, mine, T0 + 1);
    const b = await seed(store, colleague, T0 + 2);
    await seed(store, foreign, T0 + 3);
    const events = async (q: Partial<Parameters<Store['searchEvents']>[0]>) =>
      (await store.searchEvents({ scope: { accountId }, limit: 50, ...q })).map((e) => e.id);
    assert.deepEqual(await events({}), [b.eventId, a.eventId]);
    assert.deepEqual(await events({ scope: { accountId, extensionId: '1' } }), [a.eventId]);
    assert.deepEqual(await events({ subscriptionId: colleague.id }), [b.eventId]);
    assert.deepEqual(await events({ eventPath: `/restapi/v1.0/account/${accountId}/extension/1` }), [
      a.eventId,
    ]);
    assert.deepEqual(await events({ after: { createdAt: T0 + 2, id: b.eventId } }), [a.eventId]);
  });

  test('redeliverMatching requeues dead and expired rows only, at most limit, idempotently', async () => {
    const { store } = stores();
    const { accountId, mine, foreign } = owners();
    for (const s of [mine, foreign]) await store.createSubscription(s);
    const dead = [];
    for (let i = 0; i < 3; i++) dead.push(await seed(store, mine, T0 + i, { state: 'dead', retryStep: 3 }));
    // Older than anything else in the shared database, so the expiry touches only this row.
    const expired = await seed(store, mine, T0 - 1_000_000);
    await store.expireBacklog(T0 - 999_999, T0);
    const delivered = await seed(store, mine, T0 + 6, { state: 'delivered' });
    const foreignDead = await seed(store, foreign, T0 + 7, { state: 'dead' });
    const scope = { accountId };
    const now = T0 + 1000;
    assert.equal(await store.redeliverMatching({ scope, states: ['dead'], limit: 2 }, now), 2, 'bounded');
    assert.equal(await store.redeliverMatching({ scope, states: ['dead'], limit: 2 }, now), 1, 'the rest');
    assert.equal(await store.redeliverMatching({ scope, states: ['dead'], limit: 2 }, now), 0, 'idempotent');
    assert.equal(
      await store.redeliverMatching({ scope, states: ['delivered', 'pending'], limit: 9 }, now),
      0,
    );
    assert.equal(await store.redeliverMatching({ scope, limit: 9 }, now), 1, 'dead and expired by default');
    for (const d of [...dead, expired]) {
      const after = await store.getDelivery(d.id);
      assert.equal(after?.state, 'pending');
      assert.equal(after?.uuid, d.uuid, 'same uuid');
      assert.equal(after?.retryStep, 0);
      assert.equal(after?.nextAttemptAt, now);
    }
    assert.equal((await store.getDelivery(delivered.id))?.state, 'delivered');
    assert.equal((await store.getDelivery(foreignDead.id))?.state, 'dead', 'another account untouched');
  });

  test('queueSummary counts deliveries by state, retrying ones, the oldest due, subscriptions by status', async () => {
    const { store } = stores();
    const now = T0 + 60_000;
    const before = await store.queueSummary(now);
    const { mine, colleague } = owners();
    await store.createSubscription(mine);
    await store.createSubscription({ ...colleague, status: 'Blacklisted' });
    await seed(store, mine, T0, { nextAttemptAt: now - 1, retryStep: 2 });
    await seed(store, mine, T0 + 1, { nextAttemptAt: now + 5 });
    await seed(store, mine, T0, { state: 'dead' });
    const after = await store.queueSummary(now);
    assert.equal(after.deliveries.pending - before.deliveries.pending, 2);
    assert.equal(after.deliveries.dead - before.deliveries.dead, 1);
    assert.equal(after.retrying - before.retrying, 1);
    assert.ok(after.oldestDueAt !== null && after.oldestDueAt <= now - 1);
    assert.equal(after.subscriptions.Active - before.subscriptions.Active, 1);
    assert.equal(after.subscriptions.Blacklisted - before.subscriptions.Blacklisted, 1);
  });
}
