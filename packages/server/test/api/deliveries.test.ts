import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { PRESENCE_2001, TOKENS } from './api-fixtures.js';
import { call, subscribe, useHarness } from './harness.js';

const h = useHarness();
let deliveryId: string;
let subscriptionId: string;

beforeEach(async () => {
  subscriptionId = (await subscribe(h)).json.id;
  const published = await call(h, 'POST', '/v1/events', {
    token: TOKENS.publisher,
    body: { event: PRESENCE_2001, body: {} },
  });
  const [delivery] = await h.store.listDeliveries({ eventId: published.json.events[0].id, limit: 1 });
  deliveryId = delivery?.id ?? '';
});

async function fail(state: 'dead' | 'pending'): Promise<void> {
  const next =
    state === 'dead'
      ? ({ state: 'dead' } as const)
      : ({ state: 'pending', nextAttemptAt: h.clock.now() + 5000 } as const);
  await h.store.recordAttempts([
    {
      attempt: {
        deliveryId,
        attemptNo: 1,
        startedAt: h.clock.now(),
        latencyMs: 3000,
        status: null,
        error: 'I/O operation is failed. Details: [Read timed out]',
        responseSnippet: null,
      },
      next,
      subscriptionId,
      outcome: 'failure',
    },
  ]);
}

describe('GET /v1/deliveries/{id}', () => {
  it('shows the delivery with its attempt log', async () => {
    await fail('dead');
    const answer = await call(h, 'GET', `/v1/deliveries/${deliveryId}`, { token: TOKENS.user });
    assert.equal(answer.status, 200, answer.text);
    const { delivery, attempts } = answer.json;
    assert.equal(delivery.id, deliveryId);
    assert.match(delivery.uuid, /^[0-9a-f-]{36}$/);
    assert.equal(delivery.subscriptionId, subscriptionId);
    assert.equal(delivery.filter, PRESENCE_2001);
    assert.equal(delivery.state, 'dead');
    assert.equal(delivery.attempts, 1);
    assert.equal(delivery.createdAt, '2026-01-01T00:00:00.000Z');
    assert.equal(delivery.lastStatus, null);
    assert.equal(delivery.lastError, 'I/O operation is failed. Details: [Read timed out]');
    assert.deepEqual(Object.keys(delivery).sort(), [
      'attempts',
      'createdAt',
      'eventId',
      'filter',
      'id',
      'lastError',
      'lastStatus',
      'nextAttemptAt',
      'state',
      'subscriptionId',
      'uuid',
    ]);
    assert.deepEqual(attempts, [
      {
        time: '2026-01-01T00:00:00.000Z',
        status: null,
        latencyMs: 3000,
        error: 'I/O operation is failed. Details: [Read timed out]',
        responseSnippet: null,
      },
    ]);
  });

  it("is visible to the subscription's owner, its account's publisher and the admin only", async () => {
    for (const token of [TOKENS.user, TOKENS.publisher, TOKENS.admin]) {
      assert.equal((await call(h, 'GET', `/v1/deliveries/${deliveryId}`, { token })).status, 200);
    }
    for (const [token, id] of [
      [TOKENS.userOtherExtension, deliveryId],
      [TOKENS.userOtherAccount, deliveryId],
      [TOKENS.user, 'no-such-delivery'],
    ] as const) {
      const answer = await call(h, 'GET', `/v1/deliveries/${id}`, { token });
      assert.equal(answer.status, 404);
      assert.equal(answer.json.errorCode, 'CMN-102');
      assert.equal(answer.json.parameterName, 'deliveryId');
    }
  });
});

describe('POST /v1/deliveries/{id}/redeliver', () => {
  it('queues a dead delivery again with the same uuid and wakes the dispatcher', async () => {
    await fail('dead');
    const before = (await h.store.getDelivery(deliveryId))?.uuid;
    const wakes = h.wakes();
    h.clock.advance(60_000);
    const answer = await call(h, 'POST', `/v1/deliveries/${deliveryId}/redeliver`, { token: TOKENS.user });
    assert.equal(answer.status, 202, answer.text);
    assert.equal(answer.json.delivery.state, 'pending');
    assert.equal(answer.json.delivery.uuid, before);
    assert.equal(answer.json.delivery.nextAttemptAt, '2026-01-01T00:01:00.000Z');
    assert.equal(h.wakes(), wakes + 1);
  });

  it('makes a delivery waiting for its next retry due now, keeping its uuid and retry step', async () => {
    await fail('pending');
    const waiting = await h.store.getDelivery(deliveryId);
    const answer = await call(h, 'POST', `/v1/deliveries/${deliveryId}/redeliver`, { token: TOKENS.user });
    assert.equal(answer.status, 202, answer.text);
    assert.equal(answer.json.delivery.state, 'pending');
    assert.equal(answer.json.delivery.uuid, waiting?.uuid);
    assert.equal(Date.parse(answer.json.delivery.nextAttemptAt), h.clock.now(), 'due now, not in 5 s');
    assert.equal((await h.store.getDelivery(deliveryId))?.retryStep, waiting?.retryStep);
  });

  it('answers 404 for foreign and unknown deliveries', async () => {
    await fail('dead');
    const foreign = await call(h, 'POST', `/v1/deliveries/${deliveryId}/redeliver`, {
      token: TOKENS.userOtherExtension,
    });
    assert.equal(foreign.status, 404);
    const unknown = await call(h, 'POST', '/v1/deliveries/nope/redeliver', { token: TOKENS.admin });
    assert.equal(unknown.status, 404);
    assert.equal((await h.store.getDelivery(deliveryId))?.state, 'dead');
  });
});
