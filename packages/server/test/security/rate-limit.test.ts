import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { rateLimitGroup } from '../../src/api/rate-limit/rate-limit-group.js';
import { RateLimiter } from '../../src/api/rate-limit/rate-limiter.js';
import { type Config, resolveConfig } from '../../src/config.js';
import { PRESENCE_2001, TOKENS } from '../api/api-fixtures.js';
import { type Answer, call, createHarness, type Harness } from '../api/harness.js';
import { listRoutes } from './support/list-routes.js';

/**
 * Per-token API rate limits (ringcentral-protocol.md §3.9, docs/reliability.md): RingCentral's groups and
 * numbers by default, 429 CMN-301 with Retry-After over the limit, a 60 s penalty that every
 * request during it restarts, X-Rate-Limit-* headers; on the injected clock, so nothing sleeps.
 */

const SECOND = 1000;
let h: Harness;
afterEach(async () => h?.close());

function production(overrides: Partial<Config> = {}): Promise<Harness> {
  return createHarness({ config: { mode: 'production', ...overrides } });
}

const light = (token: string = TOKENS.user) => call(h, 'GET', '/restapi/v1.0/subscription', { token });
const medium = (token: string = TOKENS.user) =>
  call(h, 'DELETE', '/restapi/v1.0/subscription/00000000-0000-4000-8000-000000000999', { token });
const publish = (token: string = TOKENS.publisher) =>
  call(h, 'POST', '/v1/events', { token, body: { event: PRESENCE_2001, body: {} } });

function assertThrottled(answer: Answer, group: string, limit: number, retryAfter = '60'): void {
  assert.equal(answer.status, 429, answer.text);
  assert.equal(answer.json.errorCode, 'CMN-301');
  assert.equal(answer.json.errors[0].errorCode, 'CMN-301');
  assert.match(answer.json.message, /^Request rate exceeded/);
  assert.equal(answer.headers['retry-after'], retryAfter);
  assert.equal(answer.headers['x-rate-limit-group'], group);
  assert.equal(answer.headers['x-rate-limit-limit'], String(limit));
  assert.equal(answer.headers['x-rate-limit-remaining'], '0');
  assert.equal(answer.headers['x-rate-limit-window'], '60');
}

async function exhaust(send: () => Promise<Answer>, limit: number): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const answer = await send();
    assert.ok(answer.status < 429, `request ${i + 1} of ${limit}: ${answer.status} ${answer.text}`);
    assert.equal(answer.headers['x-rate-limit-remaining'], String(limit - i - 1));
  }
}

describe('rate limits, RingCentral groups by default', () => {
  it('Light: 50 per minute for list, get and renew, then 429 CMN-301 with Retry-After', async () => {
    h = await production();
    await exhaust(() => light(), 50);
    assertThrottled(await light(), 'light', 50);
  });

  it('Medium: 40 per minute for create, update and delete', async () => {
    h = await production();
    await exhaust(() => medium(), 40);
    assertThrottled(await medium(), 'medium', 40);
  });

  it('Publish: 1200 per minute for POST /v1/events', async () => {
    h = await production();
    await exhaust(() => publish(), 1200);
    assertThrottled(await publish(), 'publish', 1200);
  });

  it('every request during the penalty restarts it; a full quiet penalty ends it', async () => {
    h = await production();
    await exhaust(() => light(), 50);
    assertThrottled(await light(), 'light', 50);
    // RingCentral §3.9: "every request sent during the penalty restarts it".
    for (let i = 0; i < 3; i++) {
      h.clock.advance(59 * SECOND);
      assertThrottled(await light(), 'light', 50);
    }
    h.clock.advance(60 * SECOND - 1);
    assertThrottled(await light(), 'light', 50);
    h.clock.advance(60 * SECOND);
    const free = await light();
    assert.equal(free.status, 200);
    assert.equal(free.headers['x-rate-limit-remaining'], '49', 'the window emptied while waiting');
  });

  it('the window slides: requests older than 60 s stop counting', async () => {
    h = await production();
    for (let i = 0; i < 25; i++) assert.equal((await light()).status, 200);
    h.clock.advance(30 * SECOND);
    for (let i = 0; i < 25; i++) assert.equal((await light()).status, 200);
    h.clock.advance(30 * SECOND);
    // The first 25 are exactly 60 s old now: out of the window.
    const answer = await light();
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['x-rate-limit-remaining'], '24');
  });

  it('counts per token and per group: one throttled token or group does not throttle the others', async () => {
    h = await production();
    await exhaust(() => light(TOKENS.user), 50);
    assertThrottled(await light(TOKENS.user), 'light', 50);
    assert.equal((await light(TOKENS.userOtherExtension)).status, 200, 'another token');
    assert.equal((await light(TOKENS.admin)).status, 200, 'another token');
    assert.equal((await medium(TOKENS.user)).status, 404, 'another group of the same token');
    assert.equal((await publish()).status, 202);
  });

  it('health probes and unauthenticated requests are not limited', async () => {
    h = await production({ rateLimitLight: 1 });
    for (let i = 0; i < 5; i++) {
      const ready = await call(h, 'GET', '/readyz');
      assert.equal(ready.status, 200);
      assert.equal(ready.headers['x-rate-limit-group'], undefined);
      assert.equal((await call(h, 'GET', '/restapi/v1.0/subscription')).status, 401);
    }
  });

  it('limits, window and penalty are configurable', async () => {
    h = await production({
      rateLimitLight: 3,
      rateLimitWindowMs: 10 * SECOND,
      rateLimitPenaltyMs: 5 * SECOND,
    });
    await exhaust(() => light(), 3);
    const answer = await light();
    assert.equal(answer.status, 429);
    assert.equal(answer.headers['retry-after'], '5');
    assert.equal(answer.headers['x-rate-limit-window'], '10');
    h.clock.advance(10 * SECOND);
    assert.equal((await light()).status, 200);
  });

  it('off in development mode by default; rateLimit on/off forces it', async () => {
    h = await createHarness({ config: { rateLimitLight: 2 } });
    for (let i = 0; i < 10; i++) {
      const answer = await light();
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['x-rate-limit-limit'], undefined);
    }
    await h.close();
    h = await createHarness({ config: { rateLimitLight: 2, rateLimit: 'on' } });
    await exhaust(() => light(), 2);
    assert.equal((await light()).status, 429, 'forced on in development');
    await h.close();
    h = await production({ rateLimitLight: 2, rateLimit: 'off' });
    for (let i = 0; i < 10; i++) assert.equal((await light()).status, 200, 'forced off in production');
  });

  it('every route belongs to a group: reads Light, renew Light, publish its own, the rest Medium', async () => {
    h = await production();
    const groups = Object.fromEntries(
      (await listRoutes(h.app)).map((r) => [`${r.method} ${r.url}`, rateLimitGroup(r.method, r.url)]),
    );
    assert.equal(groups['GET /restapi/v1.0/subscription'], 'light');
    assert.equal(groups['GET /restapi/v1.0/subscription/:id'], 'light');
    assert.equal(groups['POST /restapi/v1.0/subscription/:id/renew'], 'light');
    assert.equal(groups['POST /restapi/v1.0/subscription'], 'medium');
    assert.equal(groups['PUT /restapi/v1.0/subscription/:id'], 'medium');
    assert.equal(groups['DELETE /restapi/v1.0/subscription/:id'], 'medium');
    assert.equal(groups['POST /v1/events'], 'publish');
    assert.equal(groups['POST /v1/tokens'], 'medium');
    assert.equal(groups['GET /v1/events/:id'], 'light');
  });

  it('configuration: rateLimit accepts auto, on and off only', () => {
    assert.equal(resolveConfig({}).rateLimit, 'auto');
    assert.equal(resolveConfig({ env: { SWITCHBOARD_RATE_LIMIT: 'off' } }).rateLimit, 'off');
    assert.throws(() => resolveConfig({ flags: { rateLimit: 'yes' } }), /rateLimit \(from flags\)/);
  });
});

describe('RateLimiter', () => {
  it('forgets idle keys, so memory is bounded by the tokens active within a window', () => {
    const limiter = new RateLimiter({ windowMs: 60 * SECOND, penaltyMs: 60 * SECOND });
    for (let i = 0; i < 1000; i++) limiter.take(`token-${i}`, 50, 0);
    assert.equal(limiter.size, 1000);
    limiter.take('token-now', 50, 60 * SECOND);
    assert.equal(limiter.size, 1);
  });

  it('keeps a penalised key until its penalty is over', () => {
    const limiter = new RateLimiter({ windowMs: 60 * SECOND, penaltyMs: 60 * SECOND });
    limiter.take('a', 1, 0);
    assert.equal(limiter.take('a', 1, 1).allowed, false);
    limiter.take('b', 1, 60 * SECOND);
    assert.equal(limiter.size, 2, 'a is still penalised until 60.001 s');
    assert.equal(limiter.take('a', 1, 120 * SECOND + 1).allowed, true);
  });
});
