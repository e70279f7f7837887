import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../src/model.js';
import { hashToken } from '../../src/tokens/hash-token.js';
import { SUBSCRIPTION, TOKENS } from '../api/api-fixtures.js';
import { call, createBody, createHarness, type Harness, subscribe } from '../api/harness.js';

/**
 * Finding 6 of docs/reliability.md: a user token read other extensions of its account — it could subscribe to
 * `/restapi/v1.0/account/~/extension/2002/message-store` or to account-wide presence and
 * telephony and receive extension 2002's SMS bodies, and `GET /v1/events/{id}` showed them too; a
 * publisher could read the attempt log of any delivery of its account. As RingCentral's
 * permissions do, a user now sees and subscribes to its own extension only; account-wide and
 * other-extension filters need the account-admin role; a publisher reads only the deliveries of
 * the events it published.
 */
const ACCOUNT_ADMIN = 'sbt_account_admin_1001';
const OTHER_PUBLISHER = 'sbt_other_publisher_1001';
const SMS_2002 = '/restapi/v1.0/account/1001/extension/2002/message-store';

describe('extension permissions', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
    const extra: Array<[string, Role, string]> = [
      [ACCOUNT_ADMIN, 'account-admin' as Role, '2009'],
      [OTHER_PUBLISHER, 'publisher', '2001'],
    ];
    for (const [bearer, role, extensionId] of extra) {
      await h.store.createToken({
        id: `token-${bearer}`,
        name: bearer,
        role,
        accountId: '1001',
        extensionId,
        hash: hashToken(bearer),
        createdAt: h.clock.now(),
        revokedAt: null,
      });
    }
  });
  after(async () => h.close());

  const create = (token: string, eventFilters: string[]) =>
    call(h, 'POST', SUBSCRIPTION, { token, body: createBody({ eventFilters }) });

  for (const [filter, code] of [
    ['/restapi/v1.0/account/~/extension/2002/message-store', 'SUB-405'],
    ['/restapi/v1.0/account/1001/extension/2002/presence', 'SUB-405'],
    ['/restapi/v1.0/account/~/presence', 'CMN-408'],
    ['/restapi/v1.0/account/~/telephony/sessions', 'CMN-408'],
    ['/restapi/v1.0/account/~/extension', 'CMN-408'],
  ] as const) {
    it(`a user cannot subscribe to ${filter} (403 ${code})`, async () => {
      const answer = await create(TOKENS.user, ['/restapi/v1.0/account/~/extension/~/presence', filter]);
      assert.equal(answer.status, 403, answer.text);
      assert.equal(answer.json.errorCode, code);
      assert.equal(answer.json.errors[0].parameterName, 'eventFilters');
    });
  }

  it('a user cannot PUT another extension’s filter into its subscription', async () => {
    const mine = await subscribe(h);
    const answer = await call(h, 'PUT', `${SUBSCRIPTION}/${mine.json.id}`, {
      token: TOKENS.user,
      body: { eventFilters: [SMS_2002] },
    });
    assert.equal(answer.status, 403, answer.text);
    assert.equal(answer.json.errorCode, 'SUB-405');
  });

  it('an account admin may subscribe account-wide and to other extensions, and sees them listed', async () => {
    const created = await create(ACCOUNT_ADMIN, [SMS_2002, '/restapi/v1.0/account/~/presence']);
    assert.equal(created.status, 200, created.text);
    const byUser = await subscribe(h, TOKENS.userOtherExtension);
    const listed = await call(h, 'GET', '/v1/subscriptions', { token: ACCOUNT_ADMIN });
    const ids = listed.json.records.map((r: { id: string }) => r.id);
    assert.ok(ids.includes(byUser.json.id), 'its account’s subscriptions of other extensions');
    const foreign = await create(ACCOUNT_ADMIN, ['/restapi/v1.0/account/1002/presence']);
    assert.equal(foreign.json.errorCode, 'SUB-406', 'never another account');
  });

  it('GET /v1/events/{id}: hidden from users of other extensions and from other publishers', async () => {
    await subscribe(
      h,
      TOKENS.userOtherExtension,
      createBody({ eventFilters: ['/restapi/v1.0/account/~/extension/~/message-store'] }),
    );
    const published = await call(h, 'POST', '/v1/events', {
      token: TOKENS.publisher,
      body: { event: SMS_2002, body: { subject: 'the secret SMS of 2002' } },
    });
    assert.equal(published.status, 202, published.text);
    const eventId = published.json.events[0].id as string;
    const read = (token: string) => call(h, 'GET', `/v1/events/${eventId}`, { token });

    const byOwner = await read(TOKENS.userOtherExtension);
    assert.equal(byOwner.status, 200, 'the user it was for sees it');
    assert.ok(byOwner.json.deliveries.length >= 1);
    for (const token of [TOKENS.user, OTHER_PUBLISHER]) {
      const answer = await read(token);
      assert.equal(answer.status, 404, `${token}: ${answer.text}`);
      assert.ok(!answer.text.includes('secret SMS'));
    }
    const byPublisher = await read(TOKENS.publisher);
    assert.equal(byPublisher.status, 200);
    assert.equal(
      byPublisher.json.deliveries.length,
      byOwner.json.deliveries.length + 1,
      'all its deliveries',
    );
    const byAccountAdmin = await read(ACCOUNT_ADMIN);
    assert.equal(byAccountAdmin.status, 200);

    const deliveryId = byOwner.json.deliveries[0].id as string;
    const other = await call(h, 'GET', `/v1/deliveries/${deliveryId}`, { token: OTHER_PUBLISHER });
    assert.equal(other.status, 404, 'another publisher cannot read the attempt log');
    const redeliver = await call(h, 'POST', `/v1/deliveries/${deliveryId}/redeliver`, {
      token: OTHER_PUBLISHER,
    });
    assert.equal(redeliver.status, 404);
    const own = await call(h, 'GET', `/v1/deliveries/${deliveryId}`, { token: TOKENS.publisher });
    assert.equal(own.status, 200, 'the publisher of the event can');
    const user = await call(h, 'GET', `/v1/deliveries/${deliveryId}`, { token: TOKENS.user });
    assert.equal(user.status, 404, 'a user of another extension cannot');
  });
});
