/**
 * How much of a sender thread's rate survives the work the dispatching thread does beside it
 * (figures in docs/performance.md "Eighth round"). A model of the server's two threads, with no
 * store and no dispatcher: this thread keeps `inFlight` notifications posted to one
 * `SenderThreads` thread, which sends them to the benchmark receiver over the default 16
 * connections; between sends it does busy work shaped like the server's main thread:
 *
 * - `inlineUs` per delivery, before each send (the dispatcher's own bookkeeping);
 * - `chunkUs` per delivery, done every 50 ms for everything sent since (the store's transactions:
 *   a batch of records, a claim, a publish);
 * - or none at all, while a third thread spins for `spinShare` of every 50 ms: the same CPU taken
 *   from the machine, none of it in the sender's way on this thread (contention alone).
 *
 * More than 16 in flight wait in the pool's queue, ready to go the moment a connection frees: how
 * a deeper hand-over would ride out the chunks. The shapes use what `--cpu-prof` and
 * per-statement timing measured on the server at fan-out 10:
 * about 76 µs of main thread per delivery, of which about 45 µs inside SQLite transactions. Rates
 * are counted over a fixed window after a warm-up, every setting once per repetition in turn, and
 * reported against the sender alone in the same run.
 *
 *   node --import tsx bench/sender-pipeline.ts [repetitions]   (default 3)
 */
import { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import { SenderThreads } from '../packages/server/src/dispatcher/sender-threads.js';
import { presenceEvent } from './lib/events.js';
import { ReceiverProcess } from './lib/processes.js';
import { fmt, spread } from './lib/stats.js';

interface Shape {
  name: string;
  inFlight: number;
  inlineUs: number;
  chunkUs: number;
  spinShare?: number;
}

const SHAPES: Shape[] = [
  { name: 'sender alone', inFlight: 16, inlineUs: 0, chunkUs: 0 },
  { name: '15 µs inline', inFlight: 16, inlineUs: 15, chunkUs: 0 },
  { name: '60 µs inline', inFlight: 16, inlineUs: 60, chunkUs: 0 },
  { name: '15 µs inline + 45 µs in 50 ms chunks', inFlight: 16, inlineUs: 15, chunkUs: 45 },
  { name: 'the same, 64 in flight', inFlight: 64, inlineUs: 15, chunkUs: 45 },
  { name: 'the same, 256 in flight', inFlight: 256, inlineUs: 15, chunkUs: 45 },
  { name: 'another thread spins 45 %', inFlight: 16, inlineUs: 0, chunkUs: 0, spinShare: 0.45 },
];
const WARMUP_MS = 1_000;
const MEASURE_MS = 3_000;
const CHUNK_EVERY_MS = 50;
const REPETITIONS = Number(process.argv[2] ?? 3);

function busy(us: number): void {
  const until = performance.now() + us / 1000;
  while (performance.now() < until) {
    // the model's work: this thread is taken, as by a transaction
  }
}

/** A thread that spins for `share` of every 50 ms until terminated. */
function spinner(share: number): Worker {
  const code = `setInterval(() => { const until = performance.now() + ${share * CHUNK_EVERY_MS}; while (performance.now() < until) {} }, ${CHUNK_EVERY_MS});`;
  return new Worker(code, { eval: true });
}

async function rate(sender: SenderThreads, url: string, shape: Shape): Promise<number> {
  const spinning = shape.spinShare ? spinner(shape.spinShare) : null;
  const body = Buffer.from(JSON.stringify(presenceEvent(2001, 1).body));
  let sinceChunk = 0;
  const chunks =
    shape.chunkUs > 0
      ? setInterval(() => {
          busy(sinceChunk * shape.chunkUs);
          sinceChunk = 0;
        }, CHUNK_EVERY_MS)
      : null;
  const measureFrom = performance.now() + WARMUP_MS;
  const measureUntil = measureFrom + MEASURE_MS;
  let counted = 0;
  let n = 0;
  try {
    await Promise.all(
      Array.from({ length: shape.inFlight }, async () => {
        while (performance.now() < measureUntil) {
          busy(shape.inlineUs);
          n += 1;
          const outcome = await sender.send(
            {
              deliveryId: `d${n}`,
              eventId: `e${n % 100}`,
              uuid: crypto.randomUUID(),
              filter: '/restapi/v1.0/account/~/extension/~/presence',
              eventCreatedAt: Date.now(),
              subscriptionId: 's1',
              ownerId: '2001',
              address: url,
              verificationToken: 'bench-verification-token',
              signingSecrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
              startedAt: Date.now(),
              timeoutMs: 30_000,
              maxResponseBytes: 4096,
            },
            body,
          );
          if (outcome?.status !== 200) throw new Error(`a send failed: ${JSON.stringify(outcome)}`);
          sinceChunk += 1;
          const doneAt = performance.now();
          if (doneAt >= measureFrom && doneAt < measureUntil) counted += 1;
        }
      }),
    );
  } finally {
    if (chunks) clearInterval(chunks);
    await spinning?.terminate();
  }
  return counted / (MEASURE_MS / 1000);
}

const receiver = await ReceiverProcess.start();
const sender = new SenderThreads(
  1,
  { pools: { connectionsPerOrigin: 16, guard: { allowHttp: true, allowPrivate: true } } },
  pino({ level: 'warn' }),
);
try {
  sender.start();
  const rates = new Map<string, number[]>(SHAPES.map((s) => [s.name, []]));
  for (let r = 0; r < REPETITIONS; r++) {
    for (const shape of SHAPES) {
      const perSecond = await rate(sender, receiver.url, shape);
      rates.get(shape.name)?.push(perSecond);
      await receiver.reset();
      console.error(`repetition ${r + 1}: ${shape.name}: ${fmt(perSecond)}/s`);
    }
  }
  const alone = spread(rates.get('sender alone') ?? []).median;
  console.log(
    '| this thread beside the sender | in flight | sent/s, median | of the sender alone | CPU taken beside it |',
  );
  console.log('|---|---|---|---|---|');
  for (const shape of SHAPES) {
    const median = spread(rates.get(shape.name) ?? []).median;
    const taken = (median * (shape.inlineUs + shape.chunkUs)) / 1e6 + (shape.spinShare ?? 0);
    console.log(
      `| ${shape.name} | ${shape.inFlight} | ${fmt(median)} | ${fmt((median / alone) * 100, 1)} % | ${fmt(taken * 100)} % |`,
    );
  }
} finally {
  await sender.close();
  await receiver.stop();
}
