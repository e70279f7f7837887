import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { MatchIndex } from '../../src/filters/match-index.js';
import { PRESENCE_2001, TOKENS } from './api-fixtures.js';
import { call, createBody, createHarness, type Harness, subscribe } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => h.close());

function publishPresence() {
  return call(h, 'POST', '/v1/events', { token: TOKENS.publisher, body: { event: PRESENCE_2001, body: {} } });
}

describe('exact expiry (issue 13 item 5)', () => {
  it('a subscription past its expirationTime matches nothing, though no scheduler pass has run', async () => {
    const created = await subscribe(h, TOKENS.user, createBody({ expiresIn: 60 }));
    const expiresAt = Date.parse(created.json.expirationTime);

    h.clock.set(expiresAt - 1);
    assert.equal((await publishPresence()).json.events[0].matched, 1, 'still live 1 ms before');

    h.clock.set(expiresAt);
    assert.equal((await publishPresence()).json.events[0].matched, 0, 'expired at expirationTime');
    h.clock.set(expiresAt + 1);
    const late = await publishPresence();
    assert.equal(late.json.events[0].matched, 0);
    assert.deepEqual(await h.store.listDeliveries({ eventId: late.json.events[0].id, limit: 10 }), []);
  });

  it('a renewed subscription matches again past its old expirationTime', async () => {
    const created = await subscribe(h, TOKENS.user, createBody({ expiresIn: 60 }));
    const oldExpiry = Date.parse(created.json.expirationTime);
    h.clock.set(oldExpiry - 1000);
    const renewed = await call(h, 'POST', `/restapi/v1.0/subscription/${created.json.id}/renew`, {
      token: TOKENS.user,
    });
    assert.equal(renewed.status, 200, renewed.text);
    h.clock.set(oldExpiry + 1000);
    assert.equal((await publishPresence()).json.events[0].matched, 1);
  });
});

describe('MatchIndex expiry', () => {
  it('ignores expiry only when the caller gives no time', () => {
    const index = new MatchIndex();
    index.add({ id: 's', eventFilters: [PRESENCE_2001], expiresAt: 1000 });
    assert.equal(index.match({ path: PRESENCE_2001, params: {}, now: 999 }).length, 1);
    assert.equal(index.match({ path: PRESENCE_2001, params: {}, now: 1000 }).length, 0);
    assert.equal(index.match({ path: PRESENCE_2001, params: {} }).length, 1);
  });
});
