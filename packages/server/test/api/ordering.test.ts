import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PRESENCE_2001, SUBSCRIPTION, TOKENS } from './api-fixtures.js';
import { call, createBody, subscribe, useHarness } from './harness.js';

const h = useHarness();

/** The ordering extension on the RingCentral subscription API (docs/ordering.md "The extension"). */
describe('ordering: a Switchboard extension of the create and update body', () => {
  it('is never in the answers of a subscription that did not ask for it', async () => {
    const created = (await subscribe(h)).json;
    assert.equal(created.ordering, undefined);
    const read = await call(h, 'GET', `${SUBSCRIPTION}/${created.id}`, { token: TOKENS.user });
    assert.equal(read.json.ordering, undefined);
    const list = await call(h, 'GET', SUBSCRIPTION, { token: TOKENS.user });
    assert.ok(list.json.records.every((r: { ordering?: unknown }) => r.ordering === undefined));
  });

  it('is stored with its defaults, shown back, and not reported as an unknown field', async () => {
    const created = (await subscribe(h, TOKENS.user, createBody({ ordering: {} }))).json;
    assert.deepEqual(created.ordering, { key: null, onDead: 'skip' });
    assert.equal(created.warnings, undefined);
    const read = await call(h, 'GET', `${SUBSCRIPTION}/${created.id}`, { token: TOKENS.user });
    assert.deepEqual(read.json.ordering, { key: null, onDead: 'skip' });
    const explicit = await subscribe(
      h,
      TOKENS.user,
      createBody({ ordering: { key: 'body.presenceStatus', onDead: 'block' } }),
    );
    assert.deepEqual(explicit.json.ordering, { key: 'body.presenceStatus', onDead: 'block' });
  });

  it('refuses a bad key or onDead with 400 CMN-101 naming the parameter', async () => {
    const cases: Array<[unknown, string]> = [
      [{ key: 'headers.x' }, 'ordering.key'],
      [{ key: 'body.' }, 'ordering.key'],
      [{ onDead: 'retry' }, 'ordering.onDead'],
      ['yes', 'ordering'],
    ];
    for (const [ordering, parameterName] of cases) {
      const answer = await call(h, 'POST', SUBSCRIPTION, {
        token: TOKENS.user,
        body: createBody({ ordering }),
      });
      assert.equal(answer.status, 400, answer.text);
      assert.equal(answer.json.errorCode, 'CMN-101', answer.text);
      assert.equal(answer.json.errors[0].errorCode, 'CMN-101');
      assert.equal(answer.json.errors[0].parameterName, parameterName, answer.text);
    }
  });

  it('is changed by PUT, kept when the PUT leaves it out, and turned off by null', async () => {
    const { id } = (await subscribe(h, TOKENS.user, createBody({ ordering: {} }))).json;
    const put = (body: object) => call(h, 'PUT', `${SUBSCRIPTION}/${id}`, { token: TOKENS.user, body });
    assert.deepEqual((await put({ ordering: { onDead: 'block' } })).json.ordering, {
      key: null,
      onDead: 'block',
    });
    assert.deepEqual((await put({ expiresIn: 3600 })).json.ordering, { key: null, onDead: 'block' });
    const off = await put({ ordering: null });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.json.ordering, undefined);
  });

  it('orders by key: a delivery waits behind an open one of its key, and shows its key and a skip', async () => {
    const { id } = (await subscribe(h, TOKENS.user, createBody({ ordering: {} }))).json;
    const publish = async (body: object) => {
      const answer = await call(h, 'POST', '/v1/events', {
        token: TOKENS.admin,
        body: { event: PRESENCE_2001, body },
      });
      assert.equal(answer.status, 202, answer.text);
    };
    await publish({ extensionId: '2001', presenceStatus: 'Busy' });
    await publish({ extensionId: '2001', presenceStatus: 'Available' });
    await publish({ extensionId: '2002', presenceStatus: 'Busy' });
    const claimed = await h.store.claimDue({
      now: h.clock.now(),
      limit: 10,
      leaseMs: 30_000,
      perSubscription: 10,
      excludeSubscriptionIds: [],
    });
    const keys = claimed.map((c) => c.delivery.orderingKey).sort();
    assert.deepEqual(
      keys,
      ['body.extensionId=2001', 'body.extensionId=2002'],
      'one per key: the presence default',
    );

    const first = claimed.find((c) => c.delivery.orderingKey === 'body.extensionId=2001');
    assert.ok(first);
    await h.store.recordAttempts([
      {
        attempt: {
          deliveryId: first.delivery.id,
          attemptNo: 1,
          startedAt: h.clock.now(),
          latencyMs: 3,
          status: 500,
          error: 'Webhook responses with code: [500], reason: [Internal Server Error]',
          responseSnippet: null,
        },
        next: { state: 'dead' },
        subscriptionId: id,
        outcome: 'failure',
      },
    ]);
    const dead = await call(h, 'GET', `/v1/deliveries/${first.delivery.id}`, { token: TOKENS.user });
    assert.deepEqual(dead.json.delivery.ordering, { key: 'body.extensionId=2001', skipped: true });
    const list = await call(h, 'GET', `/v1/subscriptions/${id}/deliveries`, { token: TOKENS.user });
    const waiting = list.json.records.filter((r: { state: string }) => r.state === 'pending');
    assert.ok(waiting.every((r: { ordering?: { skipped: boolean } }) => r.ordering?.skipped === false));
  });
});
