import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { SAMPLE_NOTIFICATION } from '../lib/events.js';
import type { ReceiverProcess } from '../lib/processes.js';
import { DISPATCHER_CONNECTIONS } from './raw-limit.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Null when Redis answers PING at `url`, else why not. */
export async function redisUnreachable(url: string): Promise<string | null> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (err) {
    return `Redis at ${url} is unreachable (${(err as Error).message})`;
  } finally {
    client.disconnect();
  }
}

/**
 * The peer row: `jobs` jobs carrying Switchboard's ~1 KB notification, added in bulk to a BullMQ
 * queue on Redis (persistence as the server is configured), drained by one worker process with
 * `concurrency` jobs at a time; deliveries/s from the first add to the last receipt, timed like
 * Switchboard's throughput. Completed jobs are removed (cheaper for BullMQ than keeping them).
 */
export async function bullmqRate(
  receiver: ReceiverProcess,
  options: { redisUrl: string; jobs: number; concurrency: number },
): Promise<number> {
  const name = `switchboard-bench-${process.pid}-${Date.now()}`;
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection });
  const worker = fork(join(ROOT, 'bench/lib/bullmq-worker.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      REDIS_URL: options.redisUrl,
      QUEUE: name,
      CONCURRENCY: String(options.concurrency),
      RECEIVER_PORT: String(receiver.port),
      CONNECTIONS: String(DISPATCHER_CONNECTIONS),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('BullMQ worker did not start within 30 s')), 30_000);
      worker.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.once('exit', (code) => reject(new Error(`BullMQ worker exited ${code}`)));
    });
    await receiver.reset();
    const t0 = performance.now();
    for (let added = 0; added < options.jobs; added += 500) {
      const count = Math.min(500, options.jobs - added);
      await queue.addBulk(
        Array.from({ length: count }, () => ({
          name: 'deliver',
          data: { notification: SAMPLE_NOTIFICATION },
          opts: { removeOnComplete: true, removeOnFail: 1000 },
        })),
      );
    }
    const done = await receiver.waitFor(options.jobs, 600_000);
    if (done.timedOut) throw new Error(`BullMQ delivered only ${done.received} of ${options.jobs}`);
    return options.jobs / ((performance.now() - t0) / 1000);
  } finally {
    worker.removeAllListeners('exit');
    worker.send({ cmd: 'exit' });
    await new Promise((r) => (worker.exitCode !== null ? r(null) : worker.once('exit', r)));
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
    await receiver.reset();
  }
}
