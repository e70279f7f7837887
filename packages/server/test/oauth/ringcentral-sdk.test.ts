import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SDK } from '@ringcentral/sdk';
import { sdkSuite } from './oauth-support.js';
import { publishPresence } from './sdk-world.js';

interface Json {
  id: string;
  status: string;
  owner_id: string;
  errorCode: string;
  eventFilters: string[];
  expirationTime: string;
}

const json = async (response: Response): Promise<Json> => (await response.json()) as Json;

/**
 * @ringcentral/sdk used as RingCentral's webhook quick start uses it, with only the server URL and
 * the credentials changed: JWT login, create a webhook subscription, receive a notification,
 * renew, survive an access-token expiry (the SDK refreshes by itself), log out, be refused.
 */
describe('@ringcentral/sdk against Switchboard', () => {
  const suite = sdkSuite();

  test('login, subscribe, receive, renew, refresh on expiry, logout', async () => {
    const { world, receiver } = suite;
    const rcsdk = new SDK({
      server: world.server,
      clientId: world.clientId,
      clientSecret: world.clientSecret,
    });
    const platform = rcsdk.platform();
    let refreshed = 0;
    platform.on(platform.events.refreshSuccess, () => {
      refreshed++;
    });

    const login = await platform.login({ jwt: world.jwt });
    assert.equal((await json(login)).owner_id, '2001');

    const created = await platform.post('/restapi/v1.0/subscription', {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true'],
      deliveryMode: { transportType: 'WebHook', address: receiver.url },
    });
    const subscription = await json(created);
    assert.equal(subscription.status, 'Active');
    assert.deepEqual(subscription.eventFilters, [
      '/restapi/v1.0/account/1001/extension/2001/presence?detailedTelephonyState=true',
    ]);

    assert.equal(await publishPresence(world, { presenceStatus: 'Busy' }), 1);
    assert.equal(receiver.received.length, 1);
    assert.equal(receiver.received[0]?.body.subscriptionId, subscription.id);
    assert.deepEqual(receiver.received[0]?.body.body, { presenceStatus: 'Busy' });

    world.app.clock.advance(30 * 60 * 1000);
    const renewed = await json(await platform.post(`/restapi/v1.0/subscription/${subscription.id}/renew`));
    assert.ok(Date.parse(renewed.expirationTime) > Date.parse(subscription.expirationTime));

    // The access token lives an hour on the server's clock; the SDK meets a 401 and refreshes.
    world.app.clock.advance(60 * 60 * 1000);
    const afterExpiry = await platform.get(`/restapi/v1.0/subscription/${subscription.id}`);
    assert.equal((await json(afterExpiry)).id, subscription.id);
    assert.equal(refreshed, 1, 'the SDK refreshed by itself once');

    const token = (await platform.auth().data()).access_token;
    await platform.logout();
    const refused = await fetch(`${world.server}/restapi/v1.0/subscription`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(refused.status, 401);
    assert.equal((await json(refused)).errorCode, 'OAU-213');
    await assert.rejects(platform.get('/restapi/v1.0/subscription'));
  });
});
