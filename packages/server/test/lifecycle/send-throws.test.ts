import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import pino from 'pino';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { resolveConfig } from '../../src/config.js';
import type { Send } from '../../src/dispatcher/dispatcher.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { countingRandom } from '../helpers/test-app.js';
import { TestReceiver } from '../helpers/test-receiver.js';

const PRESENCE = '/restapi/v1.0/account/1001/extension/2001/presence';

let app: App | null = null;
let receiver: TestReceiver | null = null;
afterEach(async () => {
  await app?.stop();
  await receiver?.close();
  app = null;
  receiver = null;
});

test('a sender that throws is a failed attempt in RingCentral wording, retried, not a crash', async () => {
  const clock = new ManualClock();
  let calls = 0;
  const send: Send = async () => {
    calls += 1;
    if (calls === 1) throw Object.assign(new Error('socket\nhang up'), { code: 'ECONNRESET' });
    return {
      status: 200,
      latencyMs: 1,
      ok: true,
      gone: false,
      error: null,
      responseSnippet: '',
      retryAfterMs: null,
    };
  };
  app = await createApp({
    config: resolveConfig({ flags: { port: 0, logLevel: 'silent', dataDir: '/nonexistent' } }),
    clock,
    random: countingRandom(),
    logger: pino({ level: 'silent' }),
    store: createSqliteStore({ filename: ':memory:' }),
    send,
  });
  receiver = await TestReceiver.start(); // answers the handshake; deliveries go through `send`
  const a = app;
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const res = await a.api.inject({
      method,
      url,
      headers: { authorization: `Bearer ${a.createdAdminToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return JSON.parse(res.body || 'null');
  };
  const sub = await call('POST', '/restapi/v1.0/subscription', {
    eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
    deliveryMode: { transportType: 'WebHook', address: receiver.url },
  });
  assert.ok(sub.id, JSON.stringify(sub));
  const published = await call('POST', '/v1/events', { event: PRESENCE, body: { presenceStatus: 'Busy' } });
  assert.equal(published.events[0].matched, 1, JSON.stringify(published));
  const delivery = async () => (await call('GET', `/v1/subscriptions/${sub.id}/deliveries`)).records[0];

  assert.equal(await a.dispatcher.runOnce(), 1);
  const failed = await delivery();
  assert.equal(failed.state, 'pending', 'retried later, not lost');
  assert.equal(failed.lastError, 'I/O operation is failed. Details: [Connection reset]');

  clock.advance(60_000);
  assert.equal(await a.dispatcher.runOnce(), 1);
  assert.equal((await delivery()).state, 'delivered');
});
