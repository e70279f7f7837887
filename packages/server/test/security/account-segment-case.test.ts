import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TOKENS } from '../api/api-fixtures.js';
import { call, createBody, createHarness, type Harness, subscribe } from '../api/harness.js';

/**
 * Finding 13 of docs/reliability.md: `/restapi/v1.0/Account/1002/…` (capital A) was not read as an account
 * segment, so neither the publisher's account check (SWB-108) nor the subscriber's (SUB-406) saw
 * it, and a tenant could create events and filters whose path names another account. Paths are
 * case-sensitive (RingCentral's are all lower case): such a spelling is refused as malformed.
 */
describe('account and extension segments are matched exactly', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(async () => h.close());

  for (const event of [
    '/restapi/v1.0/Account/1002/extension/3001/presence',
    '/restapi/v1.0/ACCOUNT/1002/extension/3001/presence',
    '/restapi/v1.0/account/1001/Extension/2002/message-store',
  ]) {
    it(`a publisher of 1001 cannot publish ${event}`, async () => {
      const answer = await call(h, 'POST', '/v1/events', {
        token: TOKENS.publisher,
        body: { event, body: {} },
      });
      assert.ok(answer.status === 400 || answer.status === 403, `${answer.status} ${answer.text}`);
      assert.equal(answer.json.errors[0].parameterName, 'event');
      const events = await h.store.listDeliveries({ limit: 10 });
      assert.equal(events.length, 0);
    });
  }

  it('a user of 1001 cannot subscribe to /restapi/v1.0/Account/1002/…', async () => {
    const answer = await call(h, 'POST', '/restapi/v1.0/subscription', {
      token: TOKENS.user,
      body: createBody({ eventFilters: ['/restapi/v1.0/Account/1002/extension/3001/presence'] }),
    });
    assert.ok(answer.status === 400 || answer.status === 403, `${answer.status} ${answer.text}`);
    assert.equal(await h.store.countLiveSubscriptions('1001', '2001'), 0);
  });

  it('an event of account 1002 spelled with a capital never reaches a subscriber of 1002', async () => {
    await subscribe(h, TOKENS.userOtherAccount, createBody());
    const answer = await call(h, 'POST', '/v1/events', {
      token: TOKENS.publisher,
      body: { event: '/restapi/v1.0/Account/1002/extension/3001/presence', body: {} },
    });
    assert.notEqual(answer.status, 202, answer.text);
  });
});
