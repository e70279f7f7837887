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
 * the same data directory drains it. Returns the drain rate and the server's peak RSS.
 */
export async function backlogDrain(
  receiver: ReceiverProcess,
  deliveries: number,
): Promise<{ rate: number; peakRssMb: number }> {
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
    const t0 = performance.now();
    const server = await ServerProcess.start({ dataDir, env: BENCH_ENV });
    server.watchRss();
    const done = await receiver.waitFor(events * 10, 900_000);
    const rate = done.received / ((performance.now() - t0) / 1000);
    const peakRssMb = server.peakRssBytes / 1024 / 1024;
    await server.stop();
    return { rate, peakRssMb };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
