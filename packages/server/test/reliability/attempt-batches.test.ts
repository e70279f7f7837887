import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import {
  AttemptRecorder,
  FLUSH_AT_ATTEMPTS,
  type RecorderTimers,
} from '../../src/dispatcher/attempt-recorder.js';
import { ServerEvents } from '../../src/server-events.js';
import type { AttemptResult, Store } from '../../src/store/store.js';

/** Timers the test moves by hand: nothing fires until `advance` passes its time. */
class HandTimers implements RecorderTimers {
  private current = 0;
  private pending: Array<{ due: number; run: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.current;
  }

  setTimeout(run: () => void, ms: number): () => void {
    const timer = { due: this.current + ms, run, cancelled: false };
    this.pending.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Moves time on by `ms`, firing each timer at its due time, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      const next = this.pending.filter((t) => !t.cancelled && t.due <= end).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.current = next.due;
      next.cancelled = true;
      next.run();
      await settled();
    }
    this.current = end;
  }
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

function result(n: number): AttemptResult {
  return {
    attempt: {
      deliveryId: `d${n}`,
      attemptNo: 1,
      startedAt: 0,
      latencyMs: 1,
      status: 200,
      error: null,
      responseSnippet: null,
    },
    next: { state: 'delivered' },
    subscriptionId: `s${n % 10}`,
    outcome: 'success',
  };
}

/** A recorder over a store that notes when each batch was written and how large it was. */
function recorderWithLog() {
  const timers = new HandTimers();
  const batches: Array<{ at: number; ids: string[] }> = [];
  const store = {
    recordAttempts: async (results: AttemptResult[]) => {
      batches.push({ at: timers.now(), ids: results.map((r) => r.attempt.deliveryId) });
      return [];
    },
  } as unknown as Store;
  const recorder = new AttemptRecorder({
    store,
    events: new ServerEvents(),
    logger: pino({ level: 'silent' }),
    attemptFlushMs: 5,
    attemptBatchMs: 50,
    afterRecorded: async () => {},
    timers,
  });
  return { recorder, timers, batches };
}

test('under a steady stream of outcomes, batches are written at most once per attemptBatchMs, none lost', async () => {
  const { recorder, timers, batches } = recorderWithLog();
  // 1,000 outcomes, one a millisecond (a node delivering 1,000/s): one write per 5 ms would be 200.
  for (let n = 0; n < 1000; n++) {
    recorder.add(result(n), null);
    await timers.advance(1);
  }
  await timers.advance(50);
  assert.ok(batches.length <= 21, `${batches.length} batches for 1,000 outcomes over 1 s`);
  for (let i = 1; i < batches.length; i++) {
    const gap = (batches[i]?.at ?? 0) - (batches[i - 1]?.at ?? 0);
    assert.ok(gap >= 50, `batches ${i - 1} and ${i} were written ${gap} ms apart`);
  }
  const written = batches.flatMap((b) => b.ids);
  assert.deepEqual(
    written,
    Array.from({ length: 1000 }, (_, n) => `d${n}`),
  );
});

test('the first outcome after a quiet spell is written within attemptFlushMs', async () => {
  const { recorder, timers, batches } = recorderWithLog();
  recorder.add(result(0), null);
  await timers.advance(5);
  assert.equal(batches.length, 1, 'written 5 ms after it came');
  await timers.advance(500);
  recorder.add(result(1), null);
  await timers.advance(4);
  assert.equal(batches.length, 1, 'not yet at 4 ms');
  await timers.advance(1);
  assert.deepEqual(
    batches.map((b) => b.at),
    [5, 510],
  );
});

test('an outcome something waits for (an ordered key) is written within attemptFlushMs even right after a batch', async () => {
  const { recorder, timers, batches } = recorderWithLog();
  recorder.add(result(0), null);
  await timers.advance(5); // a batch at 5 ms
  recorder.add(result(1), null); // would wait for 55 ms
  await timers.advance(1);
  recorder.add(result(2), null, true); // frees a key: brings the write forward to 11 ms
  await timers.advance(5);
  assert.deepEqual(
    batches.map((b) => [b.at, b.ids]),
    [
      [5, ['d0']],
      [11, ['d1', 'd2']],
    ],
  );
});

test(`${FLUSH_AT_ATTEMPTS} outcomes are written at once, without waiting for the timer`, async () => {
  const { recorder, timers, batches } = recorderWithLog();
  recorder.add(result(0), null);
  await timers.advance(5);
  for (let n = 1; n <= FLUSH_AT_ATTEMPTS; n++) recorder.add(result(n), null);
  await settled();
  assert.equal(batches.length, 2);
  assert.equal(batches[1]?.at, 5);
  assert.equal(batches[1]?.ids.length, FLUSH_AT_ATTEMPTS);
});

test('flush writes what waits at once (a graceful stop leaves nothing unwritten)', async () => {
  const { recorder, timers, batches } = recorderWithLog();
  recorder.add(result(0), null);
  await timers.advance(5);
  recorder.add(result(1), null);
  await recorder.flush();
  assert.deepEqual(
    batches.map((b) => b.ids),
    [['d0'], ['d1']],
  );
  await timers.advance(100);
  assert.equal(batches.length, 2, 'the cancelled timer wrote nothing more');
});
