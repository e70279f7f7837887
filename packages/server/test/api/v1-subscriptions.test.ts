import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PRESENCE_2001, TOKENS } from './api-fixtures.js';
import { call, createBody, hasNoVerificationToken, subscribe, useHarness } from './harness.js';

const h = useHarness();

const V1 = '/v1/subscriptions';

/** Publishes `n` events to ext 2001's presence; returns the delivery ids, newest first. */
async function publishPresence(n: number): Promise<string[]> {
  for (let i = 0; i < n; i++) {
    h.clock.advance(1);
    await call(h, 'POST', '/v1/events', {
      token: TOKENS.publisher,
      body: { event: PRESENCE_2001, body: { i } },
    });
  }
  return (await h.store.listDeliveries({ limit: 500 })).map((d) => d.id);
}

/** Marks deliveries dead, as the dispatcher does after the last retry. */
async function kill(ids: string[]): Promise<void> {
  const deliveries = await Promise.all(ids.map((id) => h.store.getDelivery(id)));
  await h.store.recordAttempts(
    deliveries.map((d, i) => ({
      attempt: {
        deliveryId: d?.id ?? '',
        attemptNo: 1,
        startedAt: h.clock.now() + i,
        latencyMs: 40,
        status: 503,
        error: 'Webhook responses with code: [503], reason: [Service Unavailable]',
        responseSnippet: 'busy',
      },
      next: { state: 'dead' },
      subscriptionId: d?.subscriptionId ?? '',
      outcome: 'failure',
    })),
  );
}

describe('GET /v1/subscriptions', () => {
  it('lists every state with health and delivery counts; users see their extension only', async () => {
    const live = (await subscribe(h)).json.id;
    const expired = (await subscribe(h, TOKENS.user, createBody({ expiresIn: 60 }))).json.id;
    const theirs = (await subscribe(h, TOKENS.userOtherAccount)).json.id;
    await publishPresence(2);
    const [first] = await h.store.listDeliveries({ subscriptionId: live, limit: 1 });
    await kill([first?.id ?? '']);
    h.clock.advance(60_000);

    const list = await call(h, 'GET', V1, { token: TOKENS.user });
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.uri, 'http://127.0.0.1:8080/v1/subscriptions');
    const byId = new Map(list.json.records.map((r: { id: string }) => [r.id, r]));
    assert.deepEqual([...byId.keys()].sort(), [live, expired].sort());
    const record = byId.get(live) as Record<string, unknown>;
    assert.equal(record.status, 'Active');
    assert.equal(record.uri, `http://127.0.0.1:8080/v1/subscriptions/${live}`);
    assert.equal(record.accountId, '1001');
    assert.equal(record.extensionId, '2001');
    assert.equal(record.consecutiveFailures, 1);
    assert.equal(record.failingSince, '2026-01-01T00:00:00.042Z');
    assert.equal(record.lastSuccessAt, null);
    assert.deepEqual(record.deliveries, { pending: 1, delivered: 0, dead: 1, expired: 0 });
    assert.equal((byId.get(expired) as Record<string, unknown>).status, 'Expired');
    assert.equal((byId.get(expired) as Record<string, unknown>).expiresIn, 0);
    assert.ok(hasNoVerificationToken(list));
    assert.ok(!list.text.includes('whsec_'));

    const admin = await call(h, 'GET', V1, { token: TOKENS.admin });
    assert.equal(admin.json.records.length, 3);
    const onlyExpired = await call(h, 'GET', `${V1}?status=Expired`, { token: TOKENS.admin });
    assert.deepEqual(
      onlyExpired.json.records.map((r: { id: string }) => r.id),
      [expired],
    );
    const otherAccount = await call(h, 'GET', `${V1}?accountId=1002`, { token: TOKENS.admin });
    assert.deepEqual(
      otherAccount.json.records.map((r: { id: string }) => r.id),
      [theirs],
    );
    const notMine = await call(h, 'GET', `${V1}?accountId=1002`, { token: TOKENS.user });
    assert.deepEqual(notMine.json.records, []);
    const badStatus = await call(h, 'GET', `${V1}?status=Gone`, { token: TOKENS.user });
    assert.equal(badStatus.json.parameterName, 'status');
  });

  it('refuses publishers (403 SWB-103)', async () => {
    const answer = await call(h, 'GET', V1, { token: TOKENS.publisher });
    assert.equal(answer.status, 403);
    assert.equal(answer.json.errorCode, 'SWB-103');
  });
});

describe('GET /v1/subscriptions/{id}', () => {
  it('shows an expired subscription the RingCentral API no longer shows', async () => {
    const id = (await subscribe(h, TOKENS.user, createBody({ expiresIn: 60 }))).json.id;
    h.clock.advance(120_000);
    const answer = await call(h, 'GET', `${V1}/${id}`, { token: TOKENS.user });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.status, 'Expired');
    const foreign = await call(h, 'GET', `${V1}/${id}`, { token: TOKENS.userOtherExtension });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.json.parameterName, 'subscriptionId');
  });
});

describe('GET /v1/subscriptions/{id}/deliveries', () => {
  it('pages newest first, filters by state and checks the limit', async () => {
    const id = (await subscribe(h)).json.id;
    const ids = await publishPresence(5);
    await kill([ids[4] ?? '']);
    const url = `${V1}/${id}/deliveries`;
    const all = await call(h, 'GET', url, { token: TOKENS.user });
    assert.equal(all.status, 200);
    assert.equal(all.json.records.length, 5);
    assert.equal(all.json.records[0].subscriptionId, id);
    const page = await call(h, 'GET', `${url}?limit=2`, { token: TOKENS.user });
    assert.equal(page.json.records.length, 2);
    const next = await call(h, 'GET', `${url}?limit=2&before=${page.json.records[1].id}`, {
      token: TOKENS.user,
    });
    assert.equal(next.json.records.length, 2);
    assert.ok(!page.json.records.some((r: { id: string }) => r.id === next.json.records[0].id));
    const dead = await call(h, 'GET', `${url}?state=dead`, { token: TOKENS.user });
    assert.deepEqual(
      dead.json.records.map((r: { id: string }) => r.id),
      [ids[4]],
    );
    for (const limit of ['0', '501', 'ten', '1.5']) {
      const bad = await call(h, 'GET', `${url}?limit=${limit}`, { token: TOKENS.user });
      assert.equal(bad.status, 400, limit);
      assert.equal(bad.json.parameterName, 'limit');
    }
    const badState = await call(h, 'GET', `${url}?state=lost`, { token: TOKENS.user });
    assert.equal(badState.json.parameterName, 'state');
    assert.equal((await call(h, 'GET', url, { token: TOKENS.userOtherAccount })).status, 404);
  });
});

describe('POST /v1/subscriptions/{id}/recover', () => {
  it('requeues dead deliveries created since the given time and wakes the dispatcher', async () => {
    const id = (await subscribe(h)).json.id;
    const ids = await publishPresence(3);
    await kill(ids);
    const wakes = h.wakes();
    const url = `${V1}/${id}/recover`;
    const answer = await call(h, 'POST', url, {
      token: TOKENS.user,
      body: { since: '2026-01-01T00:00:00.002Z' },
    });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.json, { requeued: 2 });
    assert.equal(h.wakes(), wakes + 1);
    for (const body of [{}, { since: 'yesterday' }, { since: '2026-13-45' }, { since: 5 }]) {
      const bad = await call(h, 'POST', url, { token: TOKENS.user, body });
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(bad.json.parameterName, 'since');
    }
    const foreign = await call(h, 'POST', url, {
      token: TOKENS.userOtherExtension,
      body: { since: '2026-01-01' },
    });
    assert.equal(foreign.status, 404);
  });
});

describe('POST /v1/subscriptions/{id}/rotate-secret', () => {
  it('returns a new secret once and keeps the old one signing for the overlap', async () => {
    const created = (await subscribe(h)).json;
    const old = created.deliveryMode.signingSecret;
    const url = `${V1}/${created.id}/rotate-secret`;
    const rotated = await call(h, 'POST', url, { token: TOKENS.user });
    assert.equal(rotated.status, 200, rotated.text);
    assert.match(rotated.json.signingSecret, /^whsec_/);
    assert.notEqual(rotated.json.signingSecret, old);
    assert.equal(rotated.json.previousSecretValidUntil, '2026-01-02T00:00:00.000Z');
    const stored = await h.store.getSubscription(created.id);
    assert.deepEqual(stored?.signingSecrets, [
      { secret: rotated.json.signingSecret, expiresAt: null },
      { secret: old, expiresAt: Date.UTC(2026, 0, 2) },
    ]);

    h.clock.advance(2 * 86_400_000);
    const again = await call(h, 'POST', url, { token: TOKENS.user });
    const after = await h.store.getSubscription(created.id);
    assert.deepEqual(
      after?.signingSecrets.map((s) => s.secret),
      [again.json.signingSecret, rotated.json.signingSecret],
      'the expired first secret is dropped',
    );
    const read = await call(h, 'GET', `${V1}/${created.id}`, { token: TOKENS.user });
    assert.ok(!read.text.includes('whsec_'));
    assert.equal((await call(h, 'POST', url, { token: TOKENS.userOtherExtension })).status, 404);
  });
});
