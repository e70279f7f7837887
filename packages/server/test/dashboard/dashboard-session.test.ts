import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// The dashboard's sign-in session and security headers, through Fastify inject on a ManualClock.
let app: TestApp;
afterEach(async () => app?.stop());

async function signIn(token: string, headers: Record<string, string> = {}) {
  const res = await app.api.inject({
    method: 'POST',
    url: '/dashboard/session',
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify({ token }),
  });
  const setCookie = String(res.headers['set-cookie'] ?? '');
  const cookie = setCookie.split(';')[0] ?? '';
  return { res, setCookie, cookie, body: res.json() };
}

function withCookie(
  method: string,
  url: string,
  cookie: string,
  headers: Record<string, string> = {},
  body?: unknown,
) {
  return app.api.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

describe('dashboard sign-in session', () => {
  it('trades a valid token for an HttpOnly, SameSite=Strict cookie that is not the token', async () => {
    app = await startTestApp();
    const wrong = await signIn('sbt_not-a-token');
    assert.equal(wrong.res.statusCode, 401);
    assert.equal(wrong.body.errorCode, 'SWB-102');
    assert.equal(wrong.setCookie, '');
    const { res, setCookie, cookie, body } = await signIn(app.adminToken);
    assert.equal(res.statusCode, 200);
    assert.match(
      setCookie,
      /^switchboard_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=7200$/,
    );
    assert.ok(!setCookie.includes(app.adminToken) && !res.body.includes(app.adminToken));
    assert.deepEqual(Object.keys(body).sort(), ['accountId', 'csrfToken', 'extensionId', 'role']);
    const listed = await withCookie('GET', '/v1/subscriptions', cookie);
    assert.equal(listed.statusCode, 200);
  });

  it('refuses changes carried by the cookie without the CSRF token, and a sign-in from another site', async () => {
    app = await startTestApp();
    const { cookie, body } = await signIn(app.adminToken);
    const bare = await withCookie('POST', '/v1/deliveries/redeliver', cookie, {}, {});
    assert.equal(bare.statusCode, 403);
    assert.equal(bare.json().errorCode, 'SWB-120');
    const wrong = await withCookie('POST', '/v1/deliveries/redeliver', cookie, { 'x-csrf-token': 'x' }, {});
    assert.equal(wrong.statusCode, 403);
    const right = await withCookie(
      'POST',
      '/v1/deliveries/redeliver',
      cookie,
      { 'x-csrf-token': body.csrfToken },
      {},
    );
    assert.equal(right.statusCode, 200);
    const foreign = await signIn(app.adminToken, { origin: 'https://evil.example' });
    assert.equal(foreign.res.statusCode, 403);
    assert.equal(foreign.res.json().errorCode, 'SWB-120');
    assert.equal(foreign.setCookie, '');
  });

  it('an Authorization header is judged alone: a bad bearer is not rescued by the cookie', async () => {
    app = await startTestApp();
    const { cookie } = await signIn(app.adminToken);
    const res = await withCookie('GET', '/v1/subscriptions', cookie, { authorization: 'Bearer sbt_wrong' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().errorCode, 'SWB-102');
  });

  it('ends on sign-out, when the token is revoked, and after two idle hours', async () => {
    app = await startTestApp();
    const first = await signIn(app.adminToken);
    const out = await withCookie('DELETE', '/dashboard/session', first.cookie, {
      'x-csrf-token': first.body.csrfToken,
    });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
    assert.equal((await withCookie('GET', '/v1/subscriptions', first.cookie)).statusCode, 401);

    const created = await app.call('POST', '/v1/tokens', { name: 'ops', role: 'admin' });
    const second = await signIn(created.body.token);
    assert.equal((await withCookie('GET', '/v1/subscriptions', second.cookie)).statusCode, 200);
    await app.call('DELETE', `/v1/tokens/${created.body.id}`);
    assert.equal((await withCookie('GET', '/v1/subscriptions', second.cookie)).statusCode, 401);

    const third = await signIn(app.adminToken);
    app.clock.advance(60 * 60 * 1000);
    assert.equal((await withCookie('GET', '/v1/subscriptions', third.cookie)).statusCode, 200);
    app.clock.advance(2 * 60 * 60 * 1000);
    assert.equal((await withCookie('GET', '/v1/subscriptions', third.cookie)).statusCode, 401);
    const session = await withCookie('GET', '/dashboard/session', third.cookie);
    assert.deepEqual(session.json(), { session: null });
  });

  it('keeps a user inside its tenancy through the cookie as through its token', async () => {
    app = await startTestApp();
    const user = await app.call('POST', '/v1/tokens', { name: 'dev', role: 'user', extensionId: '2002' });
    const { cookie } = await signIn(user.body.token);
    const tokens = await withCookie('GET', '/v1/tokens', cookie);
    assert.equal(tokens.statusCode, 403);
    assert.equal(tokens.json().errorCode, 'SWB-103');
    const drafts = await withCookie(
      'POST',
      '/dashboard/api/test-event-drafts',
      cookie,
      { 'x-csrf-token': 'irrelevant' },
      { kind: 'presence' },
    );
    assert.equal(drafts.statusCode, 403);
  });
});

describe('dashboard pages', () => {
  it('redirects / to /dashboard/ and serves pages with a strict CSP and no framing', async () => {
    app = await startTestApp();
    const root = await app.api.inject({ method: 'GET', url: '/' });
    assert.equal(root.statusCode, 302);
    assert.equal(root.headers.location, '/dashboard/');
    for (const url of ['/dashboard', '/dashboard/subscriptions/anything']) {
      const page = await app.api.inject({ method: 'GET', url });
      assert.ok(page.statusCode === 200 || page.statusCode === 503, `${url}: ${page.statusCode}`);
      const csp = String(page.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
      assert.equal(page.headers['x-frame-options'], 'DENY');
    }
    const asset = await app.api.inject({ method: 'GET', url: '/dashboard/assets/..%2Fpackage.json' });
    assert.equal(asset.statusCode, 404);
    const api = await app.api.inject({ method: 'GET', url: '/dashboard/api/nothing' });
    assert.equal(api.json().errorCode, 'SWB-106');
  });

  it('offers the kinds of `switchboard trigger` and builds their events for the caller', async () => {
    app = await startTestApp();
    const kinds = await app.call('GET', '/dashboard/api/test-event-kinds');
    assert.ok(kinds.body.records.some((k: { name: string }) => k.name === 'telephony-session'));
    const call = await app.call('POST', '/dashboard/api/test-event-drafts', {
      kind: 'telephony-session',
      direction: 'Outbound',
    });
    assert.equal(call.body.events.length, 4);
    assert.match(
      call.body.events[0].event,
      /^\/restapi\/v1\.0\/account\/1001\/extension\/2001\/telephony\/sessions/,
    );
    const published = await app.call('POST', '/v1/events', { events: call.body.events });
    assert.equal(published.status, 202);
    const unknown = await app.call('POST', '/dashboard/api/test-event-drafts', { kind: 'nope' });
    assert.equal(unknown.status, 404);
  });
});
