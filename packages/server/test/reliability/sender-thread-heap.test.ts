import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import type { DeliveryRequest } from '../../src/dispatcher/delivery-request.js';
import { SenderThreads } from '../../src/dispatcher/sender-threads.js';

// docs/performance.md "Sixth round": V8's default young generation grows to 32 MB of new space
// in a busy thread and stays resident; a sender thread's is bounded, so it adds little to the
// server's peak RSS while it drains a backlog.
test('a sender thread keeps its young generation small however much it allocates', async () => {
  const sender = new SenderThreads(
    1,
    { pools: { connectionsPerOrigin: 4, guard: { allowHttp: true, allowPrivate: true } } },
    pino({ level: 'silent' }),
    new URL('./support/heap-report-sender-thread.ts', import.meta.url),
  );
  try {
    const request = { eventId: 'e1', address: 'http://127.0.0.1:9/hook' } as DeliveryRequest;
    const outcome = (await sender.send(request, Buffer.from('{}'))) as unknown as {
      youngGenerationMb: number;
    };
    assert.ok(outcome.youngGenerationMb > 0, 'the thread reported its young generation');
    assert.ok(outcome.youngGenerationMb <= 12, `young generation grew to ${outcome.youngGenerationMb} MB`);
  } finally {
    await sender.close();
  }
});
