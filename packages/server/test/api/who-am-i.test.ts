import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { appWithCredential, basic, JWT_GRANT, postForm } from '../oauth/oauth-support.js';
import { TOKENS } from './api-fixtures.js';
import { call, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => h.close());

const ME = '/restapi/v1.0/account/~/extension/~';

describe('who am I (RingCentral AccountInfo / ExtensionInfo)', () => {
  it('GET /account/~/extension/~ answers the caller’s ExtensionInfo, also with an OAuth access token', async () => {
    const app = await appWithCredential(h);
    const login = await postForm(
      h,
      '/restapi/oauth/token',
      { grant_type: JWT_GRANT, assertion: app.jwt },
      basic(app.clientId, app.clientSecret),
    );
    const me = await call(h, 'GET', ME, { token: login.json.access_token });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.id, 2001, 'ids are integers, as RingCentral’s');
    assert.equal(String(me.json.id), login.json.owner_id);
    assert.equal(me.json.account.id, '1001');
    assert.equal(me.json.status, 'Enabled');
    assert.equal(me.json.type, 'User');
    assert.match(me.json.uri, /\/restapi\/v1\.0\/account\/1001\/extension\/2001$/);
    const byId = await call(h, 'GET', '/restapi/v1.0/account/1001/extension/2001', { token: TOKENS.user });
    assert.deepEqual(byId.json, me.json);
  });

  it('GET /account/~ and by id answers AccountInfo', async () => {
    const mine = await call(h, 'GET', '/restapi/v1.0/account/~', { token: TOKENS.user });
    assert.equal(mine.status, 200);
    assert.equal(mine.json.id, 1001);
    assert.equal(mine.json.status, 'Confirmed');
    assert.deepEqual(
      (await call(h, 'GET', '/restapi/v1.0/account/1001', { token: TOKENS.user })).json,
      mine.json,
    );
  });

  it('other tenants’ accounts and other users’ extensions are 404 CMN-102; the server admin sees all', async () => {
    const foreign = await call(h, 'GET', '/restapi/v1.0/account/1002', { token: TOKENS.user });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.json.errorCode, 'CMN-102');
    assert.equal(
      (await call(h, 'GET', '/restapi/v1.0/account/1001/extension/2002', { token: TOKENS.user })).status,
      404,
    );
    assert.equal(
      (await call(h, 'GET', '/restapi/v1.0/account/1002/extension/3001', { token: TOKENS.admin })).status,
      200,
    );
    assert.equal((await call(h, 'GET', ME)).json.errorCode, 'OAU-213');
  });

  it('the operator sets names, numbers and status; extension events change them too', async () => {
    const set = await call(h, 'PUT', '/v1/accounts/1001/extensions/2001', {
      token: TOKENS.admin,
      body: { name: 'Ada Lovelace', extensionNumber: '101', email: 'ada@example.com' },
    });
    assert.equal(set.status, 200, set.text);
    const me = await call(h, 'GET', ME, { token: TOKENS.user });
    assert.equal(me.json.name, 'Ada Lovelace');
    assert.equal(me.json.extensionNumber, '101');
    assert.deepEqual(me.json.contact, { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
    assert.equal(
      (await call(h, 'PUT', '/v1/accounts/1001', { token: TOKENS.user, body: { name: 'x' } })).status,
      403,
    );
    await call(h, 'PUT', '/v1/accounts/1001', { token: TOKENS.admin, body: { name: 'Acme' } });

    const publish = (body: Record<string, unknown>) =>
      call(h, 'POST', '/v1/events', {
        token: TOKENS.publisher,
        body: { event: '/restapi/v1.0/account/1001/extension/2001', body: { extensionId: '2001', ...body } },
      });
    await publish({ eventType: 'Update', status: 'Disabled' });
    assert.equal((await call(h, 'GET', ME, { token: TOKENS.user })).json.status, 'Disabled');
    await publish({ eventType: 'Delete' });
    const gone = await call(h, 'GET', ME, { token: TOKENS.user });
    assert.equal(gone.status, 404);
    assert.equal(gone.json.errorCode, 'CMN-102');
  });
});
