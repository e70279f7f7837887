import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import RingCentral from '@rc-ex/core';
import RestException from '@rc-ex/core/RestException';
import { sdkSuite } from './oauth-support.js';
import { publishPresence } from './sdk-world.js';

/**
 * @rc-ex/core (ringcentral-extensible) as its README uses it. It has no timer of its own: on a 401
 * the app calls `rc.refresh()`, which this test does when the access token has expired on the
 * server's clock; then `rc.revoke()` logs out and the next call is refused.
 */
describe('@rc-ex/core against Switchboard', () => {
  const suite = sdkSuite();

  test('authorize with a JWT, subscribe, receive, renew, refresh after expiry, revoke', async () => {
    const { world, receiver } = suite;
    const rc = new RingCentral({
      server: world.server,
      clientId: world.clientId,
      clientSecret: world.clientSecret,
    });
    const token = await rc.authorize({ jwt: world.jwt });
    assert.equal(token.owner_id, '2001');
    assert.equal(token.token_type, 'bearer');

    const subscription = await rc
      .restapi()
      .subscription()
      .post({
        eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
        deliveryMode: { transportType: 'WebHook', address: receiver.url },
      });
    assert.equal(subscription.status, 'Active');
    assert.equal(await publishPresence(world, { presenceStatus: 'Available' }), 1);
    assert.equal(receiver.received.at(-1)?.body.subscriptionId, subscription.id);

    const renewed = await rc.restapi().subscription(subscription.id).renew().post();
    assert.equal(renewed.id, subscription.id);

    world.app.clock.advance(60 * 60 * 1000);
    const expired = await rc
      .restapi()
      .subscription(subscription.id)
      .get()
      .catch((e: unknown) => e);
    assert.ok(expired instanceof RestException);
    assert.equal(expired.response.status, 401);
    assert.equal(expired.response.data.errorCode, 'OAU-213');
    const refreshed = await rc.refresh();
    assert.notEqual(refreshed.access_token, token.access_token);
    assert.equal((await rc.restapi().subscription(subscription.id).get()).id, subscription.id);

    const accessToken = refreshed.access_token;
    await rc.revoke();
    rc.token = { access_token: accessToken };
    const refused = await rc
      .restapi()
      .subscription()
      .list()
      .catch((e: unknown) => e);
    assert.ok(refused instanceof RestException);
    assert.equal(refused.response.status, 401);
  });
});
