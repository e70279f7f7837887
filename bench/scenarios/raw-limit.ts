import { Pool } from 'undici';
import { SAMPLE_NOTIFICATION } from '../lib/events.js';
import type { ReceiverProcess } from '../lib/processes.js';

/** Connections per origin: what the dispatcher opens by default (`connectionsPerOrigin`). */
export const DISPATCHER_CONNECTIONS = 16;

/**
 * (1) The machine's limit: undici POSTing the same ~1 KB notification straight to the receiver,
 * no Switchboard in between, over the dispatcher's connection count with 64 requests in flight.
 * Counted over a fixed window after a warm-up: a fixed request count (20,000) finished in about a
 * second and spread 2× within one run, as the JIT and the receiver's sockets settled.
 */
export async function rawLimit(
  receiver: ReceiverProcess,
  window: { warmupMs: number; measureMs: number },
): Promise<number> {
  const pool = new Pool(`http://127.0.0.1:${receiver.port}`, { connections: DISPATCHER_CONNECTIONS });
  const t0 = performance.now();
  const measureFrom = t0 + window.warmupMs;
  const measureUntil = measureFrom + window.measureMs;
  let counted = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      for (;;) {
        const sentAt = performance.now();
        if (sentAt >= measureUntil) return;
        const res = await pool.request({
          path: '/hook',
          method: 'POST',
          body: SAMPLE_NOTIFICATION,
          headers: { 'content-type': 'application/json; charset=UTF-8' },
        });
        await res.body.dump();
        const doneAt = performance.now();
        if (doneAt >= measureFrom && doneAt < measureUntil) counted += 1;
      }
    }),
  );
  await pool.close();
  await receiver.reset();
  return counted / (window.measureMs / 1000);
}
