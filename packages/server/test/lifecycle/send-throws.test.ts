import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { resolveConfig } from '../../src/config.js';
import type { Send } from '../../src/dispatcher/dispatcher.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { injectAsAdmin } from '../helpers/inject-as-admin.js';
import { stopAfterEach } from '../helpers/stop-after-each.js';
import { countingRandom } from '../helpers/test-app.js';
import { TestReceiver } from '../helpers/test-receiver.js';
import { OK } from '../reliability/support/scripted-app.js';

const PRESENCE = '/restapi/v1.0/account/1001/extension/2001/presence';

const started = stopAfterEach();

test('a sender that throws is a failed attempt in RingCentral wording, retried, not a crash', async () => {
  const clock = new ManualClock();
  let calls = 0;
  const send: Send = async () => {
    calls += 1;
    if (calls === 1) throw Object.assign(new Error('socket\nhang up'), { code: 'ECONNRESET' });
    return OK;
  };
  const app = await createApp({
    config: resolveConfig({ flags: { port: 0, logLevel: 'silent', dataDir: '/nonexistent' } }),
    clock,
    random: countingRandom(),
    logger: pino({ level: 'silent' }),
    store: createSqliteStore({ filename: ':memory:' }),
    send,
  });
  started.app = app;
  const receiver = await TestReceiver.start(); // answers the handshake; deliveries go through `send`
  started.receiver = receiver;
  const a = app;
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown) =>
    (await injectAsAdmin(a, method, url, body)).body;
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
