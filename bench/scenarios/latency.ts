import type { ApiClient } from '../lib/api.js';
import { presenceEvent } from '../lib/events.js';
import type { ReceiverProcess } from '../lib/processes.js';
import { percentile } from '../lib/stats.js';

/**
 * (3) Publish → received latency at a fixed offered load: every 10 ms a batch sized to the rate,
 * each event stamped with `sentAt`; the receiver subtracts it on arrival (same machine clock).
 */
export async function latencyAt(
  api: ApiClient,
  receiver: ReceiverProcess,
  eventsPerSecond: number,
  seconds: number,
): Promise<{ p50: number; p99: number; offered: number }> {
  await receiver.reset();
  const tickMs = 10;
  const ticks = Math.round((seconds * 1000) / tickMs);
  let carry = 0;
  let sent = 0;
  const t0 = performance.now();
  const inFlight: Array<Promise<number>> = [];
  for (let tick = 0; tick < ticks; tick++) {
    carry += (eventsPerSecond * tickMs) / 1000;
    const n = Math.floor(carry);
    carry -= n;
    if (n > 0) {
      const events = Array.from({ length: n }, (_, i) =>
        presenceEvent(2001, sent + i, { sentAt: Date.now() }),
      );
      sent += n;
      inFlight.push(api.publish(events));
    }
    const wait = t0 + (tick + 1) * tickMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  const matched = (await Promise.all(inFlight)).reduce((a, b) => a + b, 0);
  const stats = await receiver.waitFor(matched, 120_000);
  return {
    p50: percentile(stats.latencies, 50),
    p99: percentile(stats.latencies, 99),
    offered: eventsPerSecond,
  };
}
