import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { createApp } from '../../src/app.js';
import { resolveConfig } from '../../src/config.js';
import { SenderThreads } from '../../src/dispatcher/sender-threads.js';
import { lineSink } from '../helpers/line-sink.js';
import { TestReceiver } from '../helpers/test-receiver.js';
import { waitFor } from '../helpers/wait-for.js';

const EVENTS = 5;

test('a sender thread that dies is replaced and its deliveries are sent again, none lost', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-thread-dies-'));
  const receiver = await TestReceiver.start();
  const { lines, sink } = lineSink();
  const logger = pino({ level: 'info' }, sink);
  const sender = new SenderThreads(
    1,
    { pools: { connectionsPerOrigin: 4, guard: { allowHttp: true, allowPrivate: true } } },
    logger,
    new URL('./support/crash-once-sender-thread.ts', import.meta.url),
  );
  const config = resolveConfig({ flags: { port: 0, dataDir, pollIntervalMs: 50, logLevel: 'silent' } });
  const app = await createApp({ config, logger, sender });
  const base = await app.start();
  const call = async (method: string, path: string, body: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${app.createdAdminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { id: string } };
  };
  let subscriptionId = '';
  try {
    const created = await call('POST', '/restapi/v1.0/subscription', {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/message-store'],
      deliveryMode: { transportType: 'WebHook', address: receiver.url.replace('/webhook', '/crash-once') },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    subscriptionId = created.body.id;
    const events = Array.from({ length: EVENTS }, (_, i) => ({
      event: '/restapi/v1.0/account/1001/extension/2001/message-store',
      body: { seq: i, changes: [] },
    }));
    assert.equal((await call('POST', '/v1/events', { events })).status, 202);

    await waitFor(() => receiver.uuids().size === EVENTS, 'every event delivered by the replacement thread');
    assert.ok(
      lines.some((line) => line.includes('a sender thread stopped; starting a new one')),
      'the death is logged',
    );
    await app.dispatcher.stop(); // every attempt recorded
    const deliveries = await fetch(`${base}/v1/deliveries?subscriptionId=${created.body.id}`, {
      headers: { authorization: `Bearer ${app.createdAdminToken}` },
    }).then((res) => res.json());
    // The attempt lost with the thread left no record: each delivery has its one real attempt.
    const records = (deliveries as { records: Array<{ state: string; attempts: number }> }).records;
    assert.equal(records.length, EVENTS);
    for (const record of records) assert.deepEqual([record.state, record.attempts], ['delivered', 1]);
  } finally {
    await app.stop();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(join(tmpdir(), `switchboard-crash-once-${subscriptionId}`), { force: true });
  }
});
