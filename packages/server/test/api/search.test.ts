import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { TOKENS } from './api-fixtures.js';
import { call, createBody, createHarness, type Harness, subscribe } from './harness.js';

const presence = (account: string, extension: string) =>
  `/restapi/v1.0/account/${account}/extension/${extension}/presence`;

let h: Harness;
/** Subscription ids by owner. */
let subs: { mine: string; colleague: string; foreign: string };

beforeEach(async () => {
  h = await createHarness();
  const create = async (token: string, account: string, extension: string) =>
    (await subscribe(h, token, createBody({ eventFilters: [presence(account, extension)] }))).json
      .id as string;
  subs = {
    mine: await create(TOKENS.user, '1001', '2001'),
    colleague: await create(TOKENS.userOtherExtension, '1001', '2002'),
    foreign: await create(TOKENS.userOtherAccount, '1002', '3001'),
  };
});
afterEach(async () => h.close());

/** Publishes one event per path (as the admin, who may publish to any account) and returns its delivery ids. */
async function publish(...paths: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const event of paths) {
    const answer = await call(h, 'POST', '/v1/events', { token: TOKENS.admin, body: { event, body: {} } });
    assert.equal(answer.status, 202, answer.text);
    const deliveries = await h.store.listDeliveries({ eventId: answer.json.events[0].id, limit: 10 });
    ids.push(...deliveries.map((d) => d.id));
    h.clock.advance(1000);
  }
  return ids;
}

/** Moves a delivery to dead after one attempt answered `status`, as the dispatcher records it. */
async function kill(deliveryId: string, status: number): Promise<void> {
  const delivery = await h.store.getDelivery(deliveryId);
  assert.ok(delivery);
  await h.store.recordAttempts([
    {
      attempt: {
        deliveryId,
        attemptNo: delivery.attempts + 1,
        startedAt: h.clock.now(),
        latencyMs: 20,
        status,
        error: `Webhook responses with code: [${status}]`,
        responseSnippet: null,
      },
      next: { state: 'dead' },
      subscriptionId: delivery.subscriptionId,
      outcome: 'failure',
    },
  ]);
}

const ids = (answer: { json: { records: Array<{ id: string }> } }) => answer.json.records.map((r) => r.id);

describe('GET /v1/deliveries', () => {
  it("lists only what the caller may see: never another extension's or account's rows", async () => {
    const [mine, colleague, foreign] = await publish(
      presence('1001', '2001'),
      presence('1001', '2002'),
      presence('1002', '3001'),
    );
    const as = async (token: string, query = '') =>
      ids(await call(h, 'GET', `/v1/deliveries${query}`, { token }));
    assert.deepEqual(await as(TOKENS.user), [mine]);
    assert.deepEqual(await as(TOKENS.userOtherExtension), [colleague]);
    assert.deepEqual(await as(TOKENS.userOtherAccount), [foreign]);
    assert.deepEqual(
      await as(TOKENS.publisher),
      [colleague, mine],
      "a publisher sees its account's deliveries",
    );
    assert.deepEqual(await as(TOKENS.admin), [foreign, colleague, mine]);
    assert.deepEqual(
      await as(TOKENS.user, `?subscriptionId=${subs.foreign}`),
      [],
      'a foreign id finds nothing',
    );
  });

  it('combines state, status code, event path, time range and subscription', async () => {
    const [a, b, c, d] = await publish(
      presence('1001', '2001'),
      presence('1001', '2001'),
      presence('1001', '2001'),
      presence('1001', '2002'),
    );
    await kill(a ?? '', 500);
    await kill(b ?? '', 404);
    await kill(d ?? '', 500);
    const search = async (query: string) =>
      ids(await call(h, 'GET', `/v1/deliveries?${query}`, { token: TOKENS.admin }));
    assert.deepEqual(await search('state=dead'), [d, b, a]);
    assert.deepEqual(await search('state=dead&status=500'), [d, a]);
    assert.deepEqual(
      await search('state=dead&status=500,404&eventPath=/restapi/v1.0/account/1001/extension/2001'),
      [b, a],
    );
    assert.deepEqual(await search(`state=pending&subscriptionId=${subs.mine}`), [c]);
    assert.deepEqual(await search('since=2026-01-01T00:00:01Z&until=2026-01-01T00:00:03Z'), [c, b]);
  });

  it('pages by token without repeating or skipping rows while new deliveries arrive', async () => {
    const seeded = await publish(...Array.from({ length: 7 }, () => presence('1001', '2001')));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const query = `perPage=3${token ? `&pageToken=${token}` : ''}`;
      const page = await call(h, 'GET', `/v1/deliveries?${query}`, { token: TOKENS.user });
      assert.equal(page.status, 200, page.text);
      seen.push(...ids(page));
      token = page.json.navigation.nextPageToken;
      await publish(presence('1001', '2001')); // newer than every cursor: never on a later page
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...seeded].reverse());
  });

  it('answers bad filters with 400 CMN-101 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['state=lost', 'state'],
      ['perPage=0', 'perPage'],
      ['perPage=5000', 'perPage'],
      ['pageToken=bm9wZQ', 'pageToken'],
      ['since=yesterday', 'since'],
      ['since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z', 'until'],
      ['status=500,501,502,503,504,505,506,507,508,509,510', 'status'],
      ['colour=red', 'colour'],
    ];
    for (const [query, parameter] of cases) {
      const answer = await call(h, 'GET', `/v1/deliveries?${query}`, { token: TOKENS.user });
      assert.equal(answer.status, 400, `${query}: ${answer.text}`);
      assert.equal(answer.json.errorCode, 'CMN-101', query);
      assert.equal(answer.json.errors[0].parameterName, parameter, query);
    }
  });
});

describe('GET /v1/events', () => {
  it('lists events of the caller, filtered by subscription and path, paged', async () => {
    await publish(presence('1001', '2001'), presence('1001', '2002'), presence('1002', '3001'));
    const events = async (token: string, query = '') => {
      const answer = await call(h, 'GET', `/v1/events${query}`, { token });
      assert.equal(answer.status, 200, answer.text);
      return answer.json.records.map((r: { event: string }) => r.event);
    };
    assert.deepEqual(await events(TOKENS.user), [presence('1001', '2001')]);
    assert.deepEqual(await events(TOKENS.publisher), [presence('1001', '2002'), presence('1001', '2001')]);
    assert.deepEqual(await events(TOKENS.admin, `?subscriptionId=${subs.foreign}`), [
      presence('1002', '3001'),
    ]);
    assert.deepEqual(await events(TOKENS.userOtherAccount, `?subscriptionId=${subs.mine}`), []);
    assert.deepEqual(await events(TOKENS.admin, '?eventPath=/restapi/v1.0/account/1001&perPage=1'), [
      presence('1001', '2002'),
    ]);
  });
});

describe('POST /v1/deliveries/redeliver', () => {
  it('requeues matching dead deliveries, bounded, idempotent, and only the caller’s', async () => {
    const delivered = await publish(
      ...Array.from({ length: 3 }, () => presence('1001', '2001')),
      presence('1002', '3001'),
    );
    for (const id of delivered) await kill(id, 500);
    const redeliver = (token: string, body: object) =>
      call(h, 'POST', '/v1/deliveries/redeliver', { token, body });

    const first = await redeliver(TOKENS.user, { state: ['dead'], status: [500], limit: 2 });
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.json, { requeued: 2, more: true });
    assert.deepEqual((await redeliver(TOKENS.user, { limit: 2 })).json, { requeued: 1, more: false });
    assert.deepEqual(
      (await redeliver(TOKENS.user, {})).json,
      { requeued: 0, more: false },
      'a repeat requeues nothing',
    );
    assert.ok(h.wakes() >= 2, 'the dispatcher was woken');

    const foreign = await h.store.getDelivery(delivered[3] ?? '');
    assert.equal(foreign?.state, 'dead', "another account's delivery is untouched");
    for (const id of delivered.slice(0, 3)) assert.equal((await h.store.getDelivery(id))?.state, 'pending');
  });

  it('refuses states it would never requeue and limits past 1000', async () => {
    for (const body of [{ state: ['delivered'] }, { limit: 1001 }, { status: [99] }]) {
      const answer = await call(h, 'POST', '/v1/deliveries/redeliver', { token: TOKENS.user, body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.json.errorCode, 'CMN-101');
    }
  });
});
