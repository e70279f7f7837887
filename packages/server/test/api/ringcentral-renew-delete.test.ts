import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PRESENCE_2001, SUBSCRIPTION, TOKENS } from './api-fixtures.js';
import { blacklist, call, createBody, subscribe, useHarness } from './harness.js';

const h = useHarness();

describe('POST /restapi/v1.0/subscription/{id}/renew', () => {
  it("renews with the subscription's own lifetime, with or without an empty JSON body", async () => {
    const id = (await subscribe(h, TOKENS.user, createBody({ expiresIn: 3600 }))).json.id;
    h.clock.advance(1_800_000);
    const plain = await call(h, 'POST', `${SUBSCRIPTION}/${id}/renew`, { token: TOKENS.user });
    assert.equal(plain.status, 200, plain.text);
    assert.equal(plain.json.expiresIn, 3600);
    assert.equal(plain.json.expirationTime, '2026-01-01T01:30:00.000Z');
    const sdk = await call(h, 'POST', `${SUBSCRIPTION}/${id}/renew`, {
      token: TOKENS.user,
      body: '',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(sdk.status, 200, sdk.text);
    assert.equal(h.handshake.calls.length, 1);
  });

  it('reactivates a blacklisted subscription after a passing handshake', async () => {
    const id = (await subscribe(h)).json.id;
    await blacklist(h, id);
    let reactivated = '';
    h.ctx.events.on('subscription:reactivated', (e) => {
      reactivated = e.subscriptionId;
    });
    const renew = await call(h, 'POST', `${SUBSCRIPTION}/${id}/renew`, { token: TOKENS.user });
    assert.equal(renew.status, 200);
    assert.equal(renew.json.status, 'Active');
    assert.equal(renew.json.blacklistedData, undefined);
    assert.equal(h.handshake.calls.length, 2);
    assert.equal(reactivated, id);
    assert.equal(h.wakes(), 1, 'its backlog may drain');
    const stored = await h.store.getSubscription(id);
    assert.equal(stored?.failingSince, null);
    assert.equal(stored?.consecutiveFailures, 0);
  });

  it('keeps a blacklisted subscription blacklisted when the handshake fails', async () => {
    const id = (await subscribe(h)).json.id;
    await blacklist(h, id);
    h.handshake.failNext('SUB-525', 'response of 2048 bytes');
    const renew = await call(h, 'POST', `${SUBSCRIPTION}/${id}/renew`, { token: TOKENS.user });
    assert.equal(renew.status, 400);
    assert.equal(renew.json.errorCode, 'SUB-525');
    const read = await call(h, 'GET', `${SUBSCRIPTION}/${id}`, { token: TOKENS.user });
    assert.equal(read.json.status, 'Blacklisted');
    assert.equal(read.json.expirationTime, '2026-01-08T00:00:00.000Z');
  });

  it('answers 404 for an expired subscription', async () => {
    const id = (await subscribe(h, TOKENS.user, createBody({ expiresIn: 60 }))).json.id;
    h.clock.advance(61_000);
    const renew = await call(h, 'POST', `${SUBSCRIPTION}/${id}/renew`, { token: TOKENS.user });
    assert.equal(renew.status, 404);
    assert.equal(renew.json.errorCode, 'CMN-102');
  });
});

describe('DELETE /restapi/v1.0/subscription/{id}', () => {
  it('answers 204 with no body and stops matching at once', async () => {
    const id = (await subscribe(h)).json.id;
    const foreign = await call(h, 'DELETE', `${SUBSCRIPTION}/${id}`, { token: TOKENS.userOtherExtension });
    assert.equal(foreign.status, 404);
    const gone = await call(h, 'DELETE', `${SUBSCRIPTION}/${id}`, { token: TOKENS.user });
    assert.equal(gone.status, 204);
    assert.equal(gone.text, '');
    assert.deepEqual(h.ctx.index.match({ path: PRESENCE_2001, params: {} }), []);
    assert.equal((await call(h, 'GET', `${SUBSCRIPTION}/${id}`, { token: TOKENS.user })).status, 404);
    assert.equal((await call(h, 'DELETE', `${SUBSCRIPTION}/${id}`, { token: TOKENS.user })).status, 404);
  });
});

describe('roles', () => {
  it('refuses publishers on every subscription endpoint with 403 SWB-103', async () => {
    const id = (await subscribe(h)).json.id;
    for (const [method, url] of [
      ['POST', SUBSCRIPTION],
      ['GET', SUBSCRIPTION],
      ['GET', `${SUBSCRIPTION}/${id}`],
      ['PUT', `${SUBSCRIPTION}/${id}`],
      ['DELETE', `${SUBSCRIPTION}/${id}`],
      ['POST', `${SUBSCRIPTION}/${id}/renew`],
    ]) {
      const answer = await call(h, method as string, url as string, { token: TOKENS.publisher, body: {} });
      assert.equal(answer.status, 403, `${method} ${url}`);
      assert.equal(answer.json.errorCode, 'SWB-103');
      assert.equal(answer.json.message, 'This token (role publisher) is not allowed to manage subscriptions');
    }
  });

  it('lets the admin manage any subscription', async () => {
    const id = (await subscribe(h, TOKENS.userOtherAccount)).json.id;
    const put = await call(h, 'PUT', `${SUBSCRIPTION}/${id}`, {
      token: TOKENS.admin,
      body: { expiresIn: 120 },
    });
    assert.equal(put.status, 200);
    assert.equal((await call(h, 'DELETE', `${SUBSCRIPTION}/${id}`, { token: TOKENS.admin })).status, 204);
  });
});
