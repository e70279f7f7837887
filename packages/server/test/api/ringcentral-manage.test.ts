import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PRESENCE_2001, SUBSCRIPTION, TOKENS } from './api-fixtures.js';
import { blacklist, call, createBody, hasNoVerificationToken, subscribe, useHarness } from './harness.js';

const h = useHarness();

const MESSAGE_STORE = '/restapi/v1.0/account/~/extension/~/message-store';

describe('GET /restapi/v1.0/subscription', () => {
  it("lists the caller's live subscriptions; the admin sees everyone's", async () => {
    const mine = (await subscribe(h)).json.id;
    const theirs = (await subscribe(h, TOKENS.userOtherExtension)).json.id;
    await blacklist(h, theirs);
    const list = await call(h, 'GET', SUBSCRIPTION, { token: TOKENS.user });
    assert.equal(list.status, 200);
    assert.equal(list.json.uri, `http://127.0.0.1:8080${SUBSCRIPTION}`);
    assert.deepEqual(
      list.json.records.map((r: { id: string }) => r.id),
      [mine],
    );
    assert.ok(hasNoVerificationToken(list));
    assert.equal(list.json.records[0].deliveryMode.signingSecret, undefined);

    const all = await call(h, 'GET', SUBSCRIPTION, { token: TOKENS.admin });
    assert.deepEqual(all.json.records.map((r: { id: string }) => r.id).sort(), [mine, theirs].sort());
    const blacklisted = all.json.records.find((r: { id: string }) => r.id === theirs);
    assert.equal(blacklisted.status, 'Blacklisted');
    assert.deepEqual(blacklisted.blacklistedData, {
      blacklistedAt: '2026-01-01T00:00:00.000Z',
      reason: 'Webhook responses with code: [500], reason: [Internal Server Error]',
    });
  });

  it('leaves expired subscriptions out, as RingCentral does', async () => {
    await subscribe(h, TOKENS.user, createBody({ expiresIn: 60 }));
    h.clock.advance(60_000);
    const list = await call(h, 'GET', SUBSCRIPTION, { token: TOKENS.user });
    assert.deepEqual(list.json.records, []);
  });
});

describe('GET /restapi/v1.0/subscription/{id}', () => {
  it('shows the remaining lifetime in expiresIn', async () => {
    const id = (await subscribe(h)).json.id;
    h.clock.advance(100_500);
    const read = await call(h, 'GET', `${SUBSCRIPTION}/${id}`, { token: TOKENS.user });
    assert.equal(read.status, 200);
    assert.equal(read.json.expiresIn, 604800 - 101);
    assert.equal(read.json.expirationTime, '2026-01-08T00:00:00.000Z');
  });

  it('answers 404 CMN-102 for unknown, foreign and expired ids alike', async () => {
    const id = (await subscribe(h, TOKENS.user, createBody({ expiresIn: 60 }))).json.id;
    for (const [token, target] of [
      [TOKENS.user, 'no-such-id'],
      [TOKENS.userOtherExtension, id],
      [TOKENS.userOtherAccount, id],
    ] as const) {
      const answer = await call(h, 'GET', `${SUBSCRIPTION}/${target}`, { token });
      assert.equal(answer.status, 404);
      assert.deepEqual(answer.json, {
        errorCode: 'CMN-102',
        message: 'Resource for parameter [subscriptionId] is not found',
        parameterName: 'subscriptionId',
        errors: [
          {
            errorCode: 'CMN-102',
            message: 'Resource for parameter [subscriptionId] is not found',
            parameterName: 'subscriptionId',
          },
        ],
      });
    }
    assert.equal((await call(h, 'GET', `${SUBSCRIPTION}/${id}`, { token: TOKENS.admin })).status, 200);
    h.clock.advance(60_000);
    assert.equal((await call(h, 'GET', `${SUBSCRIPTION}/${id}`, { token: TOKENS.user })).status, 404);
  });
});

describe('PUT /restapi/v1.0/subscription/{id}', () => {
  it('replaces filters (~ expanded) and renews with the given lifetime, without a handshake', async () => {
    const id = (await subscribe(h)).json.id;
    h.clock.advance(1000);
    const put = await call(h, 'PUT', `${SUBSCRIPTION}/${id}`, {
      token: TOKENS.user,
      body: { eventFilters: [MESSAGE_STORE], expiresIn: 900 },
    });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(put.json.eventFilters, ['/restapi/v1.0/account/1001/extension/2001/message-store']);
    assert.equal(put.json.expiresIn, 900);
    assert.equal(put.json.expirationTime, '2026-01-01T00:15:01.000Z');
    assert.equal(put.json.deliveryMode.signingSecret, undefined);
    assert.ok(hasNoVerificationToken(put));
    assert.equal(h.handshake.calls.length, 1, 'only the create handshake');
    const matched = h.ctx.index.match({
      path: '/restapi/v1.0/account/1001/extension/2001/message-store',
      params: {},
    });
    assert.deepEqual(
      matched.map((m) => m.subscriptionId),
      [id],
    );
    assert.deepEqual(h.ctx.index.match({ path: PRESENCE_2001, params: {} }), []);
  });

  for (const [name, options] of [
    ['no body', {}],
    [
      'an empty JSON body sent as application/json',
      { body: '', headers: { 'content-type': 'application/json' } },
    ],
  ] as const) {
    it(`with ${name} renews for the default lifetime and keeps the filters`, async () => {
      const id = (await subscribe(h, TOKENS.user, createBody({ expiresIn: 60 }))).json.id;
      h.clock.advance(30_000);
      const put = await call(h, 'PUT', `${SUBSCRIPTION}/${id}`, { token: TOKENS.user, ...options });
      assert.equal(put.status, 200, put.text);
      assert.equal(put.json.expiresIn, 604800);
      assert.deepEqual(put.json.eventFilters, [PRESENCE_2001]);
    });
  }

  it('changes the address only after a handshake with the new one', async () => {
    const id = (await subscribe(h)).json.id;
    const secret = (await h.store.getSubscription(id))?.signingSecrets[0]?.secret;
    const body = { deliveryMode: { transportType: 'WebHook', address: 'http://127.0.0.1:9/new' } };
    const put = await call(h, 'PUT', `${SUBSCRIPTION}/${id}`, { token: TOKENS.user, body });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.json.deliveryMode.address, 'http://127.0.0.1:9/new');
    assert.deepEqual(h.handshake.calls[1], {
      address: 'http://127.0.0.1:9/new',
      verificationToken: 'v3rify-me',
      signingSecret: secret,
    });
  });

  it('changes nothing when the new address fails its handshake', async () => {
    const id = (await subscribe(h, TOKENS.user, createBody({ expiresIn: 60 }))).json.id;
    h.handshake.failNext('SUB-521', 'connect ECONNREFUSED');
    const body = {
      eventFilters: [MESSAGE_STORE],
      expiresIn: 900,
      deliveryMode: { address: 'http://127.0.0.1:9/new' },
    };
    const put = await call(h, 'PUT', `${SUBSCRIPTION}/${id}`, { token: TOKENS.user, body });
    assert.equal(put.status, 400);
    assert.equal(put.json.errorCode, 'SUB-521');
    const read = await call(h, 'GET', `${SUBSCRIPTION}/${id}`, { token: TOKENS.user });
    assert.equal(read.json.deliveryMode.address, 'http://127.0.0.1:9/hook');
    assert.deepEqual(read.json.eventFilters, [PRESENCE_2001]);
    assert.equal(read.json.expiresIn, 60);
  });

  it('handshakes when only the verification token changes, and never returns it', async () => {
    const id = (await subscribe(h)).json.id;
    const body = { deliveryMode: { verificationToken: 'n3w-token' } };
    const put = await call(h, 'PUT', `${SUBSCRIPTION}/${id}`, { token: TOKENS.user, body });
    assert.equal(put.status, 200);
    assert.equal(h.handshake.calls[1]?.verificationToken, 'n3w-token');
    assert.ok(!put.text.includes('n3w-token'));
    assert.equal((await h.store.getSubscription(id))?.verificationToken, 'n3w-token');
  });

  it('validates like create: CMN-101, SUB-508, warnings for unknown fields', async () => {
    const id = (await subscribe(h)).json.id;
    const url = `${SUBSCRIPTION}/${id}`;
    const zero = await call(h, 'PUT', url, { token: TOKENS.user, body: { expiresIn: 0 } });
    assert.equal(zero.json.errors[0].parameterName, 'expiresIn');
    const bad = await call(h, 'PUT', url, { token: TOKENS.user, body: { eventFilters: ['nope'] } });
    assert.equal(bad.json.errorCode, 'SUB-508');
    const addr = await call(h, 'PUT', url, {
      token: TOKENS.user,
      body: { deliveryMode: { address: 'ftp://x' } },
    });
    assert.equal(addr.json.errors[0].parameterName, 'deliveryMode.address');
    const warned = await call(h, 'PUT', url, { token: TOKENS.user, body: { events: [MESSAGE_STORE] } });
    assert.deepEqual(warned.json.warnings, ['unknown field events was ignored; did you mean eventFilters?']);
  });

  it('re-handshakes a blacklisted subscription: pass reactivates it, fail changes nothing', async () => {
    const id = (await subscribe(h)).json.id;
    await blacklist(h, id);
    h.handshake.failNext('SUB-520');
    const failed = await call(h, 'PUT', `${SUBSCRIPTION}/${id}`, {
      token: TOKENS.user,
      body: { expiresIn: 900 },
    });
    assert.equal(failed.json.errorCode, 'SUB-520');
    assert.equal((await h.store.getSubscription(id))?.status, 'Blacklisted');
    const put = await call(h, 'PUT', `${SUBSCRIPTION}/${id}`, {
      token: TOKENS.user,
      body: { expiresIn: 900 },
    });
    assert.equal(put.json.status, 'Active');
    assert.equal(put.json.blacklistedData, undefined);
  });
});
