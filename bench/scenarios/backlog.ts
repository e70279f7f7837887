import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../lib/api.js';
import { BENCH_ENV, publishAll } from '../lib/context.js';
import { presenceEvent } from '../lib/events.js';
import { type ReceiverProcess, ServerProcess } from '../lib/processes.js';
import { subscribeFanout } from './throughput.js';

/**
 * (7) A backlog of `deliveries` pending deliveries (fan-out 10) built while the dispatcher takes
 * nothing (maxInFlight 0: the receiver is "down" without the retry churn), then a fresh server on
 * the same data directory drains it. Returns the drain rate (whole, and over each third of the
 * drain) and the server's peak RSS.
 */
export async function backlogDrain(
  receiver: ReceiverProcess,
  deliveries: number,
): Promise<{ rate: number; thirds: number[]; peakRssMb: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-backlog-'));
  try {
    const paused = await ServerProcess.start({
      dataDir,
      env: { ...BENCH_ENV, SWITCHBOARD_MAX_IN_FLIGHT: '0' },
    });
    const api = new ApiClient(paused.url, paused.token);
    await subscribeFanout(api, receiver, 10);
    const events = Math.ceil(deliveries / 10);
    await publishAll(
      api,
      Array.from({ length: events }, (_, i) => presenceEvent(2001, i)),
      1000,
    );
    await api.close();
    await paused.stop({ keepData: true });

    await receiver.reset();
    const server = await ServerProcess.start({ dataDir, env: BENCH_ENV });
    server.watchRss();
    // From the moment it listens: the drain, not the process start-up, is measured.
    const t0 = performance.now();
    const total = events * 10;
    const thirds: number[] = [];
    const start = await receiver.stats();
    let from = { at: t0, received: start.received };
    for (const mark of [Math.floor(total / 3), Math.floor((2 * total) / 3), total]) {
      const done = await receiver.waitFor(mark, 900_000);
      if (done.timedOut) throw new Error(`backlog: only ${done.received} of ${total} drained`);
      const at = performance.now();
      thirds.push((done.received - from.received) / ((at - from.at) / 1000));
      from = { at, received: done.received };
    }
    const rate = (from.received - start.received) / ((from.at - t0) / 1000);
    const peakRssMb = server.peakRssBytes / 1024 / 1024;
    await server.stop();
    return { rate, thirds, peakRssMb };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
