// createWebhookHandler: the two answering modes, duplicates in flight, error reporting.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createWebhookHandler, type WebhookHandlerOptions } from '../src/create-webhook-handler.js';
import type { DedupeStore } from '../src/dedupe/dedupe-store.js';
import type { Notification } from '../src/protocol/envelope.js';
import { Recorder } from './support/recorder.js';
import { envelopeJson, UUID } from './support/requests.js';

const request = { headers: {}, rawBody: envelopeJson() };

/** A promise with its resolve and reject outside, to hold a handler mid-flight. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ack-first', () => {
  test('answers before onNotification runs, and hands the processing to waitUntil', async () => {
    const recorder = new Recorder();
    const handle = createWebhookHandler({ onNotification: recorder.onNotification });
    const kept: Promise<unknown>[] = [];
    const response = await handle(request, { waitUntil: (promise) => kept.push(promise) });
    assert.equal(response.status, 200);
    assert.equal(recorder.processed.length, 0, 'not processed yet when the response is returned');
    await Promise.all(kept);
    assert.deepEqual(
      recorder.processed.map((notification) => notification.uuid),
      [UUID],
    );
  });

  test('a failure after the answer is reported and the uuid forgotten, so a redelivery is processed', async () => {
    const recorder = new Recorder(1);
    const handle = createWebhookHandler({ ...recorder });
    const kept: Promise<unknown>[] = [];
    const context = { waitUntil: (promise: Promise<unknown>) => void kept.push(promise) };
    assert.equal((await handle(request, context)).status, 200);
    await Promise.all(kept);
    assert.equal(recorder.errors[0]?.phase, 'processing');
    assert.equal((await handle(request, context)).status, 200);
    await Promise.all(kept);
    assert.equal(recorder.processed.length, 1);
  });
});

describe('process-then-answer', () => {
  test('a retry arriving while the first delivery is processed waits for its outcome: success', async () => {
    const gate = deferred();
    const seen: Notification[] = [];
    const handle = createWebhookHandler({
      mode: 'process-then-answer',
      onNotification: async (notification) => {
        seen.push(notification);
        await gate.promise;
      },
    });
    const first = handle(request);
    const retry = handle(request);
    gate.resolve();
    assert.deepEqual(
      (await Promise.all([first, retry])).map((response) => response.status),
      [200, 200],
    );
    assert.equal(seen.length, 1);
  });

  test('…and failure: both answer 500, and a later retry is processed', async () => {
    const gate = deferred();
    let calls = 0;
    const handle = createWebhookHandler({
      mode: 'process-then-answer',
      onError: () => {},
      onNotification: async () => {
        calls++;
        if (calls === 1) await gate.promise;
      },
    });
    const first = handle(request);
    const retry = handle(request);
    gate.reject(new Error('database down'));
    assert.deepEqual(
      (await Promise.all([first, retry])).map((response) => response.status),
      [500, 500],
    );
    assert.equal((await handle(request)).status, 200);
    assert.equal(calls, 2);
  });

  test('a duplicate after processing finished gets 200 without processing', async () => {
    const recorder = new Recorder();
    const handle = createWebhookHandler({ ...recorder, mode: 'process-then-answer' });
    await handle(request);
    assert.equal((await handle(request)).status, 200);
    assert.equal(recorder.processed.length, 1);
  });
});

describe('onError', () => {
  test('default: processing failures go to console.error, refused requests are not logged', async (t) => {
    const logged = t.mock.method(console, 'error', () => {});
    const handle = createWebhookHandler({
      mode: 'process-then-answer',
      verificationToken: 'token',
      onNotification: () => {
        throw new Error('boom');
      },
    });
    await handle({ headers: {}, rawBody: envelopeJson() });
    assert.equal(logged.mock.callCount(), 0);
    await handle({ headers: { 'verification-token': 'token' }, rawBody: envelopeJson() });
    assert.equal(logged.mock.callCount(), 1);
    assert.match(String(logged.mock.calls[0]?.arguments[0]), new RegExp(UUID));
  });

  test('an onError that throws does not break the answer', async () => {
    const handle = createWebhookHandler({
      mode: 'process-then-answer',
      onNotification: () => {
        throw new Error('boom');
      },
      onError: () => {
        throw new Error('logger down');
      },
    });
    assert.equal((await handle(request)).status, 500);
  });

  test('a store that cannot forget is reported, and the answer is still 500', async () => {
    const recorder = new Recorder(1);
    const store: DedupeStore = {
      checkAndRemember: () => false,
      forget: () => Promise.reject(new Error('redis down')),
    };
    const handle = createWebhookHandler({ ...recorder, dedupe: store, mode: 'process-then-answer' });
    assert.equal((await handle(request)).status, 500);
    assert.deepEqual(
      recorder.errors.map((context) => (context.error as Error).message),
      ['simulated processing failure', 'redis down'],
    );
  });
});

describe('configuration fails at creation', () => {
  const invalid: Array<[string, WebhookHandlerOptions, RegExp]> = [
    ['no onNotification', {} as WebhookHandlerOptions, /onNotification/],
    ['unknown mode', { onNotification: () => {}, mode: 'later' } as unknown as WebhookHandlerOptions, /mode/],
    ['empty verificationToken', { onNotification: () => {}, verificationToken: '' }, /verificationToken/],
  ];
  for (const [name, options, message] of invalid) {
    test(name, () => assert.throws(() => createWebhookHandler(options), message));
  }
});
