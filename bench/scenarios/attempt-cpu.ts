import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../lib/api.js';
import { BENCH_ENV, publishAll } from '../lib/context.js';
import { presenceEvent } from '../lib/events.js';
import { ReceiverProcess, ServerProcess } from '../lib/processes.js';

/** Where the attempts go: a receiver process (healthy, or one started to answer 500), or a closed port. */
export type AttemptTarget = ReceiverProcess | 'refusing';

export interface AttemptCpu {
  /** Attempts the server counted (`switchboard_delivery_attempts_total`), successes and failures. */
  attempts: number;
  failed: number;
  /** Server CPU (user + system, every thread) from its first listen to the last counted attempt. */
  cpuMs: number;
  /** The part of `cpuMs` spent in the kernel (system time): sockets, connects, SQLite's writes. */
  systemMs: number;
  microsPerAttempt: number;
}

/**
 * (6) Server CPU per delivery attempt ("a failed attempt costs no more than a successful one",
 * docs/reliability.md "Failures are cheap"). `attempts` events, each with its own ordering key,
 * are queued for one ordered subscription while the dispatcher takes nothing (maxInFlight 0), so
 * the publish is not in the figure; a fresh server on the same data directory then attempts them
 * and its CPU is read from /proc until its own counter shows them all attempted.
 *
 * Ordered by key so that every queued delivery is attempted once even when the receiver fails:
 * a failing key holds only itself (docs/ordering.md), where an unordered subscription would be
 * backed off as a whole after its first failures and attempt a handful of probes — cheap, but
 * too few attempts to divide by. The first retry is 5 s away, so each is attempted once.
 */
export async function attemptCpu(target: AttemptTarget, attempts: number): Promise<AttemptCpu> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-attempt-cpu-'));
  let crashed = target === 'refusing' ? await ReceiverProcess.start() : null;
  try {
    const paused = await ServerProcess.start({
      dataDir,
      env: { ...BENCH_ENV, SWITCHBOARD_MAX_IN_FLIGHT: '0' },
    });
    const queueing = new ApiClient(paused.url, paused.token);
    const address = target === 'refusing' ? (crashed as ReceiverProcess).url : target.url;
    await queueing.subscribe(address, ['/restapi/v1.0/account/~/extension/~/presence'], {
      ordering: { key: 'body.orderKey' },
    });
    // A crashed app: it answered the handshake, then its process went and the port closed.
    await crashed?.stop();
    crashed = null;
    await publishAll(
      queueing,
      Array.from({ length: attempts }, (_, i) => presenceEvent(2001, i, { orderKey: `k${i}` })),
      1000,
    );
    await queueing.close();
    await paused.stop({ keepData: true });

    const server = await ServerProcess.start({ dataDir, env: BENCH_ENV });
    const api = new ApiClient(server.url, server.token);
    try {
      const before = server.cpuMicros();
      const deadline = Date.now() + 120_000;
      for (;;) {
        const counted = await api.attempts();
        const total = counted.success + counted.failure;
        if (total >= attempts) {
          const after = server.cpuMicros();
          const systemMs = (after.system - before.system) / 1000;
          const cpuMs = (after.user - before.user) / 1000 + systemMs;
          return {
            attempts: total,
            failed: counted.failure,
            cpuMs,
            systemMs,
            microsPerAttempt: (cpuMs * 1000) / total,
          };
        }
        if (Date.now() > deadline) throw new Error(`attempt CPU: only ${total} of ${attempts} attempted`);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await api.close();
      // Graceful (the failed deliveries stay pending for their retries), so --cpu-prof writes its profile.
      await server.stop();
    }
  } finally {
    await crashed?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
