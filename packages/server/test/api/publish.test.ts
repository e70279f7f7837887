import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PRESENCE_2001, TOKENS } from './api-fixtures.js';
import { call, subscribe, useHarness } from './harness.js';

const h = useHarness();

const EVENTS = '/v1/events';
const PRESENCE_2002 = '/restapi/v1.0/account/1001/extension/2002/presence';

function publish(body: unknown, token: string = TOKENS.publisher) {
  return call(h, 'POST', EVENTS, { token, body });
}

describe('POST /v1/events', () => {
  it('answers 202 after committing the event and one delivery per matched subscription', async () => {
    const sub = (await subscribe(h)).json.id;
    await subscribe(h, TOKENS.userOtherExtension);
    let published: unknown;
    h.ctx.events.on('events:published', (e) => {
      published = e;
    });
    const answer = await publish({
      event: `${PRESENCE_2001}?detailedTelephonyState=true`,
      body: { presenceStatus: 'Busy' },
    });
    assert.equal(answer.status, 202, answer.text);
    assert.equal(answer.json.events.length, 1);
    const { id, matched } = answer.json.events[0];
    assert.equal(matched, 1);

    const deliveries = await h.store.listDeliveries({ eventId: id, limit: 10 });
    assert.equal(deliveries.length, 1);
    assert.equal(deliveries[0]?.subscriptionId, sub);
    assert.equal(deliveries[0]?.state, 'pending');
    assert.equal(deliveries[0]?.filter, PRESENCE_2001);
    const event = await h.store.getEvent(id);
    assert.equal(event?.bodyJson, '{"presenceStatus":"Busy"}');
    assert.equal(h.wakes(), 1);
    assert.deepEqual(published, { eventIds: [id], deliveries: 1 });
  });

  it('publishes a batch and answers in input order', async () => {
    await subscribe(h);
    const answer = await publish({
      events: [
        { event: PRESENCE_2002, body: {} },
        { event: PRESENCE_2001, body: { n: 2 } },
      ],
    });
    assert.equal(answer.status, 202);
    assert.deepEqual(
      answer.json.events.map((e: { matched: number }) => e.matched),
      [0, 1],
    );
    assert.notEqual(answer.json.events[0].id, answer.json.events[1].id);
  });

  it('answers a repeated publisher id with the first answer and creates nothing', async () => {
    await subscribe(h);
    const first = await publish({ event: PRESENCE_2001, body: { n: 1 }, id: 'pub-1' });
    await subscribe(h);
    const again = await publish({ event: PRESENCE_2001, body: { n: 1 }, id: 'pub-1' });
    assert.equal(again.status, 202);
    assert.deepEqual(again.json, first.json);
    assert.equal((await h.store.listDeliveries({ eventId: first.json.events[0].id, limit: 10 })).length, 1);
    assert.equal(h.wakes(), 1);
    const batch = await publish({
      events: [
        { event: PRESENCE_2001, body: {}, id: 'pub-2' },
        { event: PRESENCE_2001, body: {}, id: 'pub-2' },
      ],
    });
    assert.equal(batch.json.events[0].id, batch.json.events[1].id);
    assert.equal(batch.json.events[0].matched, 2);
  });

  it('lets the admin publish for any account; others only for their own (403 SWB-108)', async () => {
    const foreign = { event: '/restapi/v1.0/account/1002/extension/3001/presence', body: {} };
    const refused = await publish(foreign);
    assert.equal(refused.status, 403);
    assert.equal(refused.json.errorCode, 'SWB-108');
    assert.equal(refused.json.message, 'Publishing for account [1002] is not allowed with this token');
    assert.equal((await publish(foreign, TOKENS.admin)).status, 202);
  });

  it('refuses users with 403 SWB-103', async () => {
    const answer = await publish({ event: PRESENCE_2001, body: {} }, TOKENS.user);
    assert.equal(answer.status, 403);
    assert.equal(answer.json.errorCode, 'SWB-103');
    assert.equal(answer.json.message, 'This token (role user) is not allowed to publish events');
  });

  it('reports every invalid event of a batch at once and commits none of them', async () => {
    const answer = await publish({
      events: [
        { event: PRESENCE_2001, body: {} },
        { event: '/restapi/v1.0/account/~/extension/2001/presence', body: {} },
        { event: PRESENCE_2001, body: [1] },
        { event: PRESENCE_2001 },
        { event: 'presence', body: {} },
        { event: PRESENCE_2001, body: {}, id: 'x'.repeat(257) },
      ],
    });
    assert.equal(answer.status, 400);
    const names = answer.json.errors.map((e: { parameterName: string }) => e.parameterName).sort();
    assert.deepEqual(names, [
      'events[1].event',
      'events[2].body',
      'events[3].body',
      'events[4].event',
      'events[5].id',
    ]);
    assert.ok(answer.json.errors.every((e: { errorCode: string }) => e.errorCode === 'CMN-101'));
    const tilde = answer.json.errors.find(
      (e: { parameterName: string }) => e.parameterName === 'events[1].event',
    );
    assert.match(tilde.message, /~/);
    assert.equal(h.wakes(), 0);
  });

  const invalid: Array<[string, unknown, string]> = [
    ['neither event nor events', { body: {} }, 'event'],
    ['a single event without a body', { event: PRESENCE_2001 }, 'body'],
    [
      'both event and events',
      { event: PRESENCE_2001, body: {}, events: [{ event: PRESENCE_2001, body: {} }] },
      'events',
    ],
    ['an empty batch', { events: [] }, 'events'],
    ['a body that is not an object', { event: PRESENCE_2001, body: 'hi' }, 'body'],
    ['a JSON array', [], 'body'],
  ];
  for (const [name, body, parameterName] of invalid) {
    it(`answers 400 CMN-101 ${parameterName} for ${name}`, async () => {
      const answer = await publish(body);
      assert.equal(answer.status, 400, answer.text);
      assert.equal(answer.json.errorCode, 'CMN-101');
      assert.equal(answer.json.parameterName, parameterName);
    });
  }

  it('refuses batches above maxPublishBatch with CMN-101 events', async () => {
    await h.restart({ config: { maxPublishBatch: 2 } });
    const event = { event: PRESENCE_2001, body: {} };
    const answer = await publish({ events: [event, event, event] });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.errors[0].parameterName, 'events');
  });

  it('answers 413 SWB-104 for a body above the limit', async () => {
    await h.restart({ config: { bodyLimitBytes: 1024 } });
    const answer = await publish({ event: PRESENCE_2001, body: { big: 'x'.repeat(2000) } });
    assert.equal(answer.status, 413);
    assert.equal(answer.json.errorCode, 'SWB-104');
    assert.equal(answer.json.message, 'Request body is larger than the limit of 1024 bytes');
  });
});

describe('GET /v1/events/{id}', () => {
  it('shows the event and its deliveries to its account', async () => {
    const sub = (await subscribe(h)).json.id;
    const otherSub = (await subscribe(h, TOKENS.userOtherExtension)).json.id;
    const published = await publish({
      events: [{ event: '/restapi/v1.0/account/1001/presence', body: { a: 1 }, id: 'p-9' }],
    });
    assert.equal(published.json.events[0].matched, 0, 'account-level event, extension filters');
    const id = (await publish({ event: `${PRESENCE_2001}?detailedTelephonyState=true`, body: { a: 1 } })).json
      .events[0].id;
    const answer = await call(h, 'GET', `${EVENTS}/${id}`, { token: TOKENS.publisher });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json.id, id);
    assert.equal(answer.json.event, `${PRESENCE_2001}?detailedTelephonyState=true`);
    assert.deepEqual(answer.json.body, { a: 1 });
    assert.equal(answer.json.publisherId, null);
    assert.equal(answer.json.createdAt, '2026-01-01T00:00:00.000Z');
    assert.equal(answer.json.matched, 1);
    assert.equal(answer.json.deliveries.length, 1);
    assert.equal(answer.json.deliveries[0].subscriptionId, sub);
    assert.equal(answer.json.explain, undefined);

    const user = await call(h, 'GET', `${EVENTS}/${id}`, { token: TOKENS.user });
    assert.equal(user.json.deliveries.length, 1);
    // An event of extension 2001 with no delivery of theirs: another extension's user sees nothing.
    const other = await call(h, 'GET', `${EVENTS}/${id}`, { token: TOKENS.userOtherExtension });
    assert.equal(other.status, 404, `not ${otherSub}'s event to see`);
  });

  it('answers 404 CMN-102 eventId for unknown ids and other accounts', async () => {
    const id = (await publish({ event: PRESENCE_2001, body: {} })).json.events[0].id;
    for (const [token, target] of [
      [TOKENS.publisher, 'nope'],
      [TOKENS.userOtherAccount, id],
    ] as const) {
      const answer = await call(h, 'GET', `${EVENTS}/${target}`, { token });
      assert.equal(answer.status, 404);
      assert.equal(answer.json.errorCode, 'CMN-102');
      assert.equal(answer.json.parameterName, 'eventId');
    }
    assert.equal((await call(h, 'GET', `${EVENTS}/${id}`, { token: TOKENS.admin })).status, 200);
  });

  it('explains the matching, for a named subscription too', async () => {
    const sms = '/restapi/v1.0/account/~/extension/~/message-store?type=SMS';
    const sub = (await subscribe(h)).json.id;
    const smsSub = (await subscribe(h, TOKENS.user, { ...createSms(sms) })).json.id;
    const id = (await publish({ event: `${PRESENCE_2001}`, body: {} })).json.events[0].id;
    const plain = await call(h, 'GET', `${EVENTS}/${id}?explain=true`, { token: TOKENS.user });
    assert.deepEqual(plain.json.explain, { matched: [{ subscriptionId: sub, filter: PRESENCE_2001 }] });
    const named = await call(h, 'GET', `${EVENTS}/${id}?explain=true&subscriptionId=${smsSub}`, {
      token: TOKENS.user,
    });
    assert.equal(named.json.explain.subscription.id, smsSub);
    assert.equal(named.json.explain.subscription.matched, false);
    assert.equal(named.json.explain.subscription.reasons.length, 1);
    const hit = await call(h, 'GET', `${EVENTS}/${id}?explain=true&subscriptionId=${sub}`, {
      token: TOKENS.user,
    });
    assert.deepEqual(hit.json.explain.subscription, {
      id: sub,
      matched: true,
      filter: PRESENCE_2001,
      reasons: [],
    });
    const foreign = await call(h, 'GET', `${EVENTS}/${id}?explain=true&subscriptionId=${sub}`, {
      token: TOKENS.userOtherExtension,
    });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.json.parameterName, 'eventId', 'not even the event: it is not theirs');
    const badFlag = await call(h, 'GET', `${EVENTS}/${id}?explain=yes`, { token: TOKENS.user });
    assert.equal(badFlag.status, 400);
    assert.equal(badFlag.json.parameterName, 'explain');
  });
});

function createSms(filter: string) {
  return {
    eventFilters: [filter],
    deliveryMode: { transportType: 'WebHook', address: 'http://127.0.0.1:9/sms' },
  };
}
