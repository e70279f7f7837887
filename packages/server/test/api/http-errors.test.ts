import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { PRESENCE_2001, SUBSCRIPTION, TOKENS } from './api-fixtures.js';
import { call, codedError, createBody, createHarness, failing, type Harness, subscribe } from './harness.js';

let h: Harness;
afterEach(async () => h.close());

describe('health probes', () => {
  it('/healthz is always ok; /readyz is ok while the store answers', async () => {
    h = await createHarness();
    assert.deepEqual((await call(h, 'GET', '/healthz')).json, { status: 'ok' });
    const ready = await call(h, 'GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.json, { status: 'ok' });
  });

  it('/readyz answers 503 CMN-201 when the store does not', async () => {
    h = await createHarness({ wrapStore: failing('countTokens', codedError('SQLITE_IOERR_READ')) });
    const ready = await call(h, 'GET', '/readyz');
    assert.equal(ready.status, 503);
    assert.equal(ready.json.errorCode, 'CMN-201');
    assert.ok(ready.headers['retry-after']);
    assert.equal((await call(h, 'GET', '/healthz')).status, 200);
  });
});

describe('authentication', () => {
  it('answers 401 without a bearer token (RingCentral OAU-213 on /restapi, SWB-101 on /v1), with WWW-Authenticate', async () => {
    h = await createHarness();
    const variants: Array<Record<string, string>> = [
      {},
      { authorization: 'Basic YTpi' },
      { authorization: 'Bearer ' },
    ];
    for (const headers of variants) {
      for (const [method, url] of [
        ['GET', SUBSCRIPTION],
        ['POST', '/v1/events'],
        ['GET', '/v1/subscriptions'],
        ['GET', '/v1/tokens'],
        ['GET', '/v1/deliveries/x'],
      ]) {
        const answer = await call(h, method as string, url as string, { headers });
        assert.equal(answer.status, 401, `${method} ${url}`);
        const code = String(url).startsWith('/restapi/') ? 'OAU-213' : 'SWB-101';
        assert.equal(answer.json.errorCode, code);
        assert.equal(answer.headers['www-authenticate'], 'Bearer');
      }
    }
  });

  it('answers 401 for unknown and revoked tokens (OAU-213 on /restapi, SWB-102 on /v1)', async () => {
    h = await createHarness();
    for (const token of ['sbt_nope', TOKENS.revoked]) {
      const answer = await call(h, 'GET', SUBSCRIPTION, { token });
      assert.equal(answer.status, 401);
      assert.equal(answer.json.errorCode, 'OAU-213');
      assert.equal((await call(h, 'GET', '/v1/subscriptions', { token })).json.errorCode, 'SWB-102');
      assert.match(String(answer.headers['www-authenticate']), /^Bearer/);
    }
  });

  it('checks the token before reading the body', async () => {
    h = await createHarness({ config: { bodyLimitBytes: 100 } });
    const answer = await call(h, 'POST', '/v1/events', { body: { big: 'x'.repeat(500) } });
    assert.equal(answer.json.errorCode, 'SWB-101');
  });
});

describe('request errors', () => {
  it('answers 404 SWB-106 for unknown routes', async () => {
    h = await createHarness();
    const answer = await call(h, 'GET', '/restapi/v2.0/subscription?x=1');
    assert.equal(answer.status, 404);
    assert.equal(answer.json.errorCode, 'SWB-106');
    assert.equal(answer.json.message, 'No such endpoint: GET /restapi/v2.0/subscription');
    const method = await call(h, 'PATCH', SUBSCRIPTION, { token: TOKENS.user });
    assert.equal(method.json.errorCode, 'SWB-106');
  });

  it('answers 415 SWB-105 for a non-JSON body', async () => {
    h = await createHarness();
    for (const url of [SUBSCRIPTION, '/v1/events']) {
      const answer = await call(h, 'POST', url, {
        token: TOKENS.admin,
        body: 'eventFilters=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(answer.status, 415, url);
      assert.equal(answer.json.errorCode, 'SWB-105');
    }
    const plain = await call(h, 'POST', SUBSCRIPTION, {
      token: TOKENS.user,
      body: '{}',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(plain.json.errorCode, 'SWB-105');
  });

  it('answers 400 SWB-107 for malformed JSON, prototype poisoning included', async () => {
    h = await createHarness();
    for (const body of ['{"eventFilters": [', '{"__proto__": {"admin": true}}', 'nul']) {
      const answer = await call(h, 'POST', SUBSCRIPTION, {
        token: TOKENS.user,
        body,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(answer.status, 400, body);
      assert.equal(answer.json.errorCode, 'SWB-107');
    }
  });

  it('accepts JSON with a charset parameter, as RingCentral SDKs send it', async () => {
    h = await createHarness();
    const answer = await call(h, 'POST', SUBSCRIPTION, {
      token: TOKENS.user,
      body: JSON.stringify(createBody()),
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });
    assert.equal(answer.status, 200, answer.text);
  });

  it('treats an empty JSON body as no body', async () => {
    h = await createHarness();
    const answer = await call(h, 'POST', SUBSCRIPTION, {
      token: TOKENS.user,
      body: '',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.errorCode, 'CMN-101');
    assert.equal(answer.json.parameterName, 'eventFilters');
  });

  it('answers 413 SWB-104 for a body above the limit on any route', async () => {
    h = await createHarness({ config: { bodyLimitBytes: 256 } });
    const body = createBody({ eventFilters: Array.from({ length: 20 }, () => PRESENCE_2001) });
    const answer = await call(h, 'POST', SUBSCRIPTION, { token: TOKENS.user, body });
    assert.equal(answer.status, 413);
    assert.equal(answer.json.errorCode, 'SWB-104');
  });

  it('answers 400 CMN-101 for a malformed URL', async () => {
    h = await createHarness();
    const answer = await call(h, 'GET', `${SUBSCRIPTION}/%E0%A4%A`, { token: TOKENS.user });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.errorCode, 'CMN-101');
  });
});

describe('store failures', () => {
  for (const code of [
    'SQLITE_READONLY',
    'SQLITE_FULL',
    'SQLITE_BUSY',
    'SQLITE_IOERR_WRITE',
    '57P01',
    '08006',
  ]) {
    it(`answers 503 CMN-201 with Retry-After when the store says ${code}`, async () => {
      h = await createHarness({ wrapStore: failing('createSubscription', codedError(code)) });
      const answer = await call(h, 'POST', SUBSCRIPTION, { token: TOKENS.user, body: createBody() });
      assert.equal(answer.status, 503);
      assert.equal(answer.json.errorCode, 'CMN-201');
      assert.equal(answer.headers['retry-after'], '5');
      assert.equal(h.ctx.index.size, 0, 'nothing indexed that was not stored');
    });
  }

  it('answers a publish 503, not 202, when the commit fails', async () => {
    h = await createHarness({ wrapStore: failing('publish', codedError('SQLITE_BUSY')) });
    await subscribe(h);
    const answer = await call(h, 'POST', '/v1/events', {
      token: TOKENS.publisher,
      body: { event: PRESENCE_2001, body: {} },
    });
    assert.equal(answer.status, 503);
    assert.equal(h.wakes(), 0);
  });

  it('answers 500 in the error shape for anything else, logging it without secrets', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    h = await createHarness({
      logger: pino({ level: 'info' }, sink),
      wrapStore: failing('createSubscription', new TypeError('boom')),
    });
    const answer = await call(h, 'POST', SUBSCRIPTION, { token: TOKENS.user, body: createBody() });
    assert.equal(answer.status, 500);
    assert.equal(answer.json.errorCode, 'CMN-201');
    assert.match(answer.json.message, /logged with request id/);
    assert.ok(!answer.text.includes('boom'));
    const log = lines.join('');
    assert.match(log, /boom/);
    assert.ok(!log.includes(TOKENS.user), 'no bearer token in logs');
    assert.ok(!log.includes('v3rify-me'), 'no verification token in logs');
    assert.ok(!log.includes('whsec_'), 'no signing secret in logs');
  });
});
