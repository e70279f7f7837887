import { Pool } from 'undici';
import { SAMPLE_NOTIFICATION } from '../lib/events.js';
import type { ReceiverProcess } from '../lib/processes.js';

/**
 * (1) The machine's limit: undici POSTing the same ~1 KB notification straight to the receiver,
 * no Switchboard in between, 64 requests in flight over 16 keep-alive connections.
 */
export async function rawLimit(receiver: ReceiverProcess, requests: number): Promise<number> {
  const pool = new Pool(`http://127.0.0.1:${receiver.port}`, { connections: 16 });
  let started = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (started < requests) {
        started += 1;
        const res = await pool.request({
          path: '/hook',
          method: 'POST',
          body: SAMPLE_NOTIFICATION,
          headers: { 'content-type': 'application/json; charset=UTF-8' },
        });
        await res.body.dump();
      }
    }),
  );
  const rate = requests / ((performance.now() - t0) / 1000);
  await pool.close();
  await receiver.reset();
  return rate;
}
