import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { SUBSCRIPTION, TOKENS } from '../api/api-fixtures.js';
import { call, createHarness, type Harness } from '../api/harness.js';
import { appWithCredential, basic, JWT_GRANT, postForm } from './oauth-support.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => h.close());

const TOKEN = '/restapi/oauth/token';
const REVOKE = '/restapi/oauth/revoke';

async function login() {
  const app = await appWithCredential(h);
  const auth = basic(app.clientId, app.clientSecret);
  const answer = await postForm(h, TOKEN, { grant_type: JWT_GRANT, assertion: app.jwt }, auth);
  assert.equal(answer.status, 200, answer.text);
  return { app, auth, answer };
}

describe('POST /restapi/oauth/token', () => {
  it('the JWT bearer grant answers RingCentral TokenInfo and the token works on the RingCentral API', async () => {
    const { answer } = await login();
    const info = answer.json;
    assert.equal(info.token_type, 'bearer');
    assert.equal(info.expires_in, 3600);
    assert.equal(info.refresh_token_expires_in, 604800);
    assert.equal(info.owner_id, '2001');
    assert.equal(typeof info.access_token, 'string');
    assert.equal(typeof info.refresh_token, 'string');
    assert.equal(typeof info.endpoint_id, 'string');
    assert.equal(typeof info.session_id, 'string');
    assert.match(info.scope, /SubscriptionWebhook/);
    assert.equal(answer.headers['cache-control'], 'no-store');
    const list = await call(h, 'GET', SUBSCRIPTION, { token: info.access_token });
    assert.equal(list.status, 200, list.text);
  });

  it('an access token expires on the clock: RingCentral 401 OAU-213 on /restapi, SWB-102 on /v1', async () => {
    const { answer } = await login();
    h.clock.advance(3600 * 1000);
    const expired = await call(h, 'GET', SUBSCRIPTION, { token: answer.json.access_token });
    assert.equal(expired.status, 401);
    assert.equal(expired.json.errorCode, 'OAU-213');
    assert.match(expired.json.message, /expired/);
    assert.equal(
      (await call(h, 'GET', '/v1/subscriptions', { token: answer.json.access_token })).json.errorCode,
      'SWB-102',
    );
  });

  it('refresh rotates the pair: the new tokens work, the old refresh token is refused', async () => {
    const { auth, answer } = await login();
    h.clock.advance(3000 * 1000);
    const refreshed = await postForm(
      h,
      TOKEN,
      { grant_type: 'refresh_token', refresh_token: answer.json.refresh_token },
      auth,
    );
    assert.equal(refreshed.status, 200, refreshed.text);
    assert.notEqual(refreshed.json.access_token, answer.json.access_token);
    assert.equal(refreshed.json.session_id, answer.json.session_id);
    assert.equal((await call(h, 'GET', SUBSCRIPTION, { token: refreshed.json.access_token })).status, 200);
    assert.equal((await call(h, 'GET', SUBSCRIPTION, { token: answer.json.access_token })).status, 401);
    const again = await postForm(
      h,
      TOKEN,
      { grant_type: 'refresh_token', refresh_token: answer.json.refresh_token },
      auth,
    );
    assert.equal(again.status, 400);
    assert.equal(again.json.error, 'invalid_grant');
    assert.equal(again.json.errors[0].errorCode, 'OAU-211');
  });

  it('a refresh token expires after a week', async () => {
    const { auth, answer } = await login();
    h.clock.advance(604800 * 1000);
    const late = await postForm(
      h,
      TOKEN,
      { grant_type: 'refresh_token', refresh_token: answer.json.refresh_token },
      auth,
    );
    assert.equal(late.status, 400);
    assert.match(late.json.error_description, /expired/);
  });

  it('access_token_ttl is honoured within RingCentral bounds', async () => {
    const app = await appWithCredential(h);
    const auth = basic(app.clientId, app.clientSecret);
    const short = await postForm(
      h,
      TOKEN,
      { grant_type: JWT_GRANT, assertion: app.jwt, access_token_ttl: '900' },
      auth,
    );
    assert.equal(short.json.expires_in, 900);
    const tooLong = await postForm(
      h,
      TOKEN,
      { grant_type: JWT_GRANT, assertion: app.jwt, access_token_ttl: '99999' },
      auth,
    );
    assert.equal(tooLong.json.expires_in, 3600);
  });

  it('revoke ends the session: the access and refresh tokens are refused afterwards', async () => {
    const { auth, answer } = await login();
    const revoked = await postForm(h, REVOKE, { token: answer.json.access_token }, auth);
    assert.equal(revoked.status, 200, revoked.text);
    const next = await call(h, 'GET', SUBSCRIPTION, { token: answer.json.access_token });
    assert.equal(next.status, 401);
    assert.equal(next.json.errorCode, 'OAU-213');
    const refresh = await postForm(
      h,
      TOKEN,
      { grant_type: 'refresh_token', refresh_token: answer.json.refresh_token },
      auth,
    );
    assert.equal(refresh.status, 400);
    assert.equal(
      (await postForm(h, REVOKE, { token: 'unknown' }, auth)).status,
      200,
      'unknown tokens: 200 (RFC 7009)',
    );
  });

  it('the password grant takes the credential as password and the extension as username', async () => {
    const app = await appWithCredential(h);
    const auth = basic(app.clientId, app.clientSecret);
    const ok = await postForm(
      h,
      TOKEN,
      { grant_type: 'password', username: '+15550100*2001', password: app.jwt },
      auth,
    );
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.owner_id, '2001');
    const wrong = await postForm(
      h,
      TOKEN,
      { grant_type: 'password', username: '2002', password: app.jwt },
      auth,
    );
    assert.equal(wrong.json.errors[0].errorCode, 'OAU-140');
  });

  it('client and grant errors answer in RingCentral OAuth shape with its codes', async () => {
    const app = await appWithCredential(h, { grants: [JWT_GRANT] });
    const cases: Array<[Record<string, string>, string | undefined, number, string, string]> = [
      [{ grant_type: JWT_GRANT, assertion: app.jwt }, undefined, 400, 'invalid_client', 'OAU-123'],
      [
        { grant_type: JWT_GRANT, assertion: app.jwt },
        basic(app.clientId, 'wrong'),
        401,
        'invalid_client',
        'OAU-153',
      ],
      [{ grant_type: JWT_GRANT, assertion: app.jwt }, basic('nobody', 'x'), 401, 'invalid_client', 'OAU-153'],
      [
        { grant_type: 'client_credentials' },
        basic(app.clientId, app.clientSecret),
        400,
        'unsupported_grant_type',
        'OAU-250',
      ],
      [
        { grant_type: 'password', username: '2001', password: app.jwt },
        basic(app.clientId, app.clientSecret),
        400,
        'unauthorized_client',
        'OAU-251',
      ],
      [{ grant_type: JWT_GRANT }, basic(app.clientId, app.clientSecret), 400, 'invalid_request', 'OAU-101'],
      [
        { grant_type: JWT_GRANT, assertion: 'not.a.jwt' },
        basic(app.clientId, app.clientSecret),
        400,
        'invalid_grant',
        'OAU-140',
      ],
    ];
    for (const [form, auth, status, error, code] of cases) {
      const answer = await postForm(h, TOKEN, form, auth);
      assert.equal(answer.status, status, `${code}: ${answer.text}`);
      assert.equal(answer.json.error, error);
      assert.equal(answer.json.errors[0].errorCode, code);
      assert.equal(answer.json.error_description, answer.json.errors[0].message);
    }
    const wrongSecret = await postForm(h, TOKEN, { grant_type: JWT_GRANT }, basic(app.clientId, 'wrong'));
    assert.match(String(wrongSecret.headers['www-authenticate']), /^Basic/);
  });

  it('a JSON body is 415 in the OAuth shape', async () => {
    const answer = await call(h, 'POST', TOKEN, { body: { grant_type: JWT_GRANT } });
    assert.equal(answer.status, 415);
    assert.equal(answer.json.error, 'invalid_request');
  });

  it('a JWT whose signature is not this server’s is refused', async () => {
    const app = await appWithCredential(h);
    const forged = `${app.jwt.slice(0, app.jwt.lastIndexOf('.'))}.AAAA`;
    const answer = await postForm(
      h,
      TOKEN,
      { grant_type: JWT_GRANT, assertion: forged },
      basic(app.clientId, app.clientSecret),
    );
    assert.equal(answer.json.errors[0].errorCode, 'OAU-140');
  });
});

describe('apps and credentials (/v1)', () => {
  it('the client secret is answered once: listing shows no secret or hash', async () => {
    const app = await appWithCredential(h);
    const list = await call(h, 'GET', '/v1/apps', { token: TOKENS.admin });
    assert.equal(list.status, 200);
    assert.equal(list.json.records.length, 1);
    assert.ok(!list.text.includes(app.clientSecret));
    assert.equal(list.json.records[0].secretHash, undefined);
    assert.equal((await call(h, 'GET', '/v1/apps', { token: TOKENS.user })).status, 403);
    assert.equal((await call(h, 'DELETE', `/v1/apps/${app.clientId}`, { token: TOKENS.admin })).status, 204);
    assert.equal((await call(h, 'DELETE', `/v1/apps/${app.clientId}`, { token: TOKENS.admin })).status, 404);
  });
});

describe('the Auth rate-limit group', () => {
  it('in production, /restapi/oauth/* answers 429 CMN-301 after rateLimitAuth requests per window', async () => {
    await h.close();
    h = await createHarness({ config: { mode: 'production', rateLimitAuth: 2 } });
    const form = { grant_type: JWT_GRANT, assertion: 'x' };
    const first = await postForm(h, TOKEN, form);
    assert.equal(first.headers['x-rate-limit-group'], 'auth');
    await postForm(h, TOKEN, form);
    const third = await postForm(h, TOKEN, form);
    assert.equal(third.status, 429);
    assert.equal(third.json.errorCode, 'CMN-301');
    assert.ok(third.headers['retry-after']);
  });
});
