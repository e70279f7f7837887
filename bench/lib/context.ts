import { ApiClient } from './api.js';
import { presenceEvent } from './events.js';
import { ReceiverProcess, ServerProcess } from './processes.js';

/** Sizes of one benchmark run: the full run, or the CI smoke run that only proves it still works. */
export interface BenchSizes {
  repetitions: number;
  /** (1) is counted over `rawMeasureMs` after `rawWarmupMs`. */
  rawWarmupMs: number;
  rawMeasureMs: number;
  /** Jobs per repetition of the BullMQ peer row. */
  bullmqJobs: number;
  throughputEvents: number;
  throughputFanout10Events: number;
  latencySeconds: number;
  fanoutSubscriptions: number;
  matchingSubscriptions: number;
  matchingEvents: number;
  isolationEvents: number;
  /** Subscriptions behind one refusing host, to other events than the healthy ones'. */
  behindRefusingHost: number;
  /** Attempts per run of the CPU-per-attempt rows of (6): all delivered, all refused, all 500. */
  attemptCpuAttempts: number;
  /** Seconds both accounts publish in the tenant-isolation rows of (6). */
  tenantSeconds: number;
  /** (10) ordered delivery: events per run, spread over `orderedKeys` keys. */
  orderedEvents: number;
  orderedKeys: number;
  backlogDeliveries: number;
  handshakes: number;
  /** Deliveries in the store under the search-page measurement (9). */
  searchDeliveries: number;
}

export const FULL: BenchSizes = {
  repetitions: 3,
  rawWarmupMs: 1_000,
  rawMeasureMs: 3_000,
  bullmqJobs: 20_000,
  throughputEvents: 20_000,
  throughputFanout10Events: 3_000,
  latencySeconds: 5,
  fanoutSubscriptions: 10_000,
  matchingSubscriptions: 100_000,
  matchingEvents: 2_000,
  isolationEvents: 2_000,
  behindRefusingHost: 1_000,
  attemptCpuAttempts: 5_000,
  tenantSeconds: 20,
  orderedEvents: 20_000,
  orderedKeys: 1_000,
  backlogDeliveries: 1_000_000,
  handshakes: 200,
  searchDeliveries: 1_000_000,
};

export const SMOKE: BenchSizes = {
  repetitions: 1,
  rawWarmupMs: 200,
  rawMeasureMs: 500,
  bullmqJobs: 300,
  throughputEvents: 300,
  throughputFanout10Events: 50,
  latencySeconds: 0.5,
  fanoutSubscriptions: 50,
  matchingSubscriptions: 500,
  matchingEvents: 50,
  isolationEvents: 50,
  behindRefusingHost: 20,
  attemptCpuAttempts: 50,
  tenantSeconds: 1,
  orderedEvents: 200,
  orderedKeys: 100,
  backlogDeliveries: 2_000,
  handshakes: 10,
  searchDeliveries: 2_000,
};

/** Bench-only server settings: no per-extension subscription limit, quiet logs. */
export const BENCH_ENV = {
  SWITCHBOARD_MAX_SUBSCRIPTIONS_PER_EXTENSION: '1000000',
  SWITCHBOARD_LOG_LEVEL: 'warn',
};

/** A server and a client for it, stopped together. */
export async function withServer<T>(
  options: { database?: string; env?: Record<string, string>; dataDir?: string; forceStop?: boolean },
  run: (server: ServerProcess, api: ApiClient) => Promise<T>,
): Promise<T> {
  const server = await ServerProcess.start({ ...options, env: { ...BENCH_ENV, ...options.env } });
  const api = new ApiClient(server.url, server.token);
  try {
    return await run(server, api);
  } finally {
    await api.close();
    await server.stop({ force: options.forceStop ?? false });
  }
}

export async function withReceiver<T>(
  run: (r: ReceiverProcess) => Promise<T>,
  env: Record<string, string> = {},
): Promise<T> {
  const receiver = await ReceiverProcess.start(env);
  try {
    return await run(receiver);
  } finally {
    await receiver.stop();
  }
}

/**
 * Publishes `events` presence events and waits until `receiver` has `events × perEvent`, then
 * resets its count: the measurement after it sees a server past its first claims, its JIT
 * and its receivers' first failures. Measured from a cold start, 2,000 events at fan-out 10 ran
 * 5,200/s against 7,000/s warm, and the fixed start-up both settings share flattered the ratio
 * between them: 88–92 % cold against 82–86 % warm beside 10 refusing receivers (docs/performance.md
 * "Eighth round").
 */
export async function warmUp(
  api: ApiClient,
  receiver: ReceiverProcess,
  events: number,
  perEvent: number,
): Promise<void> {
  await receiver.reset();
  // Sequence numbers past the measured run's, so no event of the warm-up repeats one of it.
  await publishAll(
    api,
    Array.from({ length: events }, (_, i) => presenceEvent(2001, 1_000_000 + i)),
  );
  const done = await receiver.waitFor(events * perEvent, 600_000);
  if (done.timedOut) throw new Error(`warm-up: only ${done.received} of ${events * perEvent}`);
  await receiver.reset();
}

/** Publishes `events` in batches with `concurrency` publishers; returns deliveries matched. */
export async function publishAll(
  api: ApiClient,
  events: Array<{ event: string; body: unknown }>,
  batch = 500,
  concurrency = 2,
): Promise<number> {
  let next = 0;
  let matched = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < events.length) {
        const slice = events.slice(next, next + batch);
        next += batch;
        const n = await api.publish(slice); // read after the await: `+=` would race the other publisher
        matched += n;
      }
    }),
  );
  return matched;
}
