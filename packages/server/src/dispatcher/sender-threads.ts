import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { DeliveryRequest } from './delivery-request.js';
import type { DeliverySender } from './delivery-sender.js';
import { originOf } from './origin-of.js';
import type { SendOutcome } from './send-notification.js';
import type { FromSenderThread, SenderThreadOptions, ToSenderThread } from './sender-thread-messages.js';

type SendBatch = Extract<ToSenderThread, { type: 'send' }>;

/** One sender thread as the dispatcher sees it. */
interface SenderSlot {
  index: number;
  /** Null while a replacement waits out its restart delay (its batch waits with it). */
  worker: Worker | null;
  /** Attempts posted and not yet answered, by request number. */
  pending: Map<number, { eventId: string; origin: string; resolve: (outcome: SendOutcome | null) => void }>;
  /** How many of its pending attempts need each event body it holds. */
  bodyHolders: Map<string, number>;
  batch: SendBatch;
  startedAt: number;
  exited: boolean;
  closed: Promise<void> | null;
  startTimer: NodeJS.Timeout | null;
}

/** A thread that ran this long before dying is replaced at once; one dying younger waits longer each time. */
const STABLE_AFTER_MS = 10_000;
const MAX_RESTART_DELAY_MS = 10_000;
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Sends attempts from `threads` worker threads, so building, signing and the HTTP exchange of
 * notifications use the machine's other cores while this thread claims, schedules and records
 * (docs/performance.md "Third round: every core"). Every cap is still counted by the dispatcher's queue;
 * an origin's connections are split between the threads (each pool gets its share of
 * `connectionsPerOrigin`) and each attempt goes to the thread with the fewest of that origin in
 * flight, so no request waits inside a pool. Attempts posted in one turn of the event loop go in
 * one message, each event body at most once per thread. A thread that dies is replaced; its
 * attempts in flight resolve to null and are given back unrecorded (at-least-once).
 *
 * @example
 * const sender = new SenderThreads(2, { pools: { connectionsPerOrigin: 16, guard } }, logger);
 * const outcome = await sender.send(request, body); // null: lost with its thread, send again
 * await sender.close();
 */
export class SenderThreads implements DeliverySender {
  private readonly slots: SenderSlot[] = [];
  private readonly inFlightByOrigin = new Map<string, number[]>();
  private nextRequestNo = 1;
  private closing = false;
  private flushScheduled = false;
  private restartDelayMs = 0;

  constructor(
    private readonly threads: number,
    private readonly options: SenderThreadOptions,
    private readonly logger: Logger,
    /** The thread's entry file; default `sender-thread.js` beside this one (tests give a failing one). */
    private readonly entry?: URL,
  ) {
    if (!Number.isInteger(threads) || threads < 1) throw new Error('SenderThreads needs at least one thread');
  }

  /**
   * Starts the threads now (the dispatcher does, when it starts): loading one takes tens of
   * milliseconds compiled and about a second from source, which the first attempts would
   * otherwise wait out while publishes pile up. An idle thread never keeps the process alive.
   */
  start(): void {
    if (this.closing) return;
    if (this.slots.length === 0) for (let i = 0; i < this.threads; i++) this.slots.push(this.startSlot(i, 0));
  }

  send(request: DeliveryRequest, eventBody: Buffer): Promise<SendOutcome | null> {
    if (this.closing) return Promise.resolve(null);
    this.start();
    const origin = originOf(request.address);
    const counts = this.originCounts(origin);
    const slot = this.leastLoaded(counts);
    counts[slot.index] = (counts[slot.index] ?? 0) + 1;
    const holders = slot.bodyHolders.get(request.eventId) ?? 0;
    if (holders === 0) slot.batch.bodies.push([request.eventId, eventBody]);
    slot.bodyHolders.set(request.eventId, holders + 1);
    const requestNo = this.nextRequestNo++;
    slot.batch.requests.push([requestNo, request]);
    this.flushSoon();
    // A thread is referenced only while it has work: an idle one never keeps the process alive.
    if (slot.pending.size === 0) slot.worker?.ref();
    return new Promise((resolve) => {
      slot.pending.set(requestNo, { eventId: request.eventId, origin, resolve });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.flush();
    await Promise.all(this.slots.map((slot) => this.closeSlot(slot)));
  }

  private startSlot(index: number, delayMs: number): SenderSlot {
    const slot: SenderSlot = {
      index,
      worker: null,
      pending: new Map(),
      bodyHolders: new Map(),
      batch: emptyBatch(),
      startedAt: Date.now(),
      exited: false,
      closed: null,
      startTimer: null,
    };
    const start = () => {
      slot.startTimer = null;
      slot.startedAt = Date.now();
      const worker = startThread(this.entry, this.threadOptions());
      worker.on('message', (message: FromSenderThread) => this.received(slot, message));
      worker.on('error', (err) => this.logger.error({ err, thread: index }, 'a sender thread failed'));
      worker.on('exit', (code) => this.exited(slot, code));
      if (slot.pending.size === 0) worker.unref();
      slot.worker = worker;
      this.flushSoon();
    };
    if (delayMs === 0) start();
    else {
      slot.startTimer = setTimeout(start, delayMs);
      slot.startTimer.unref();
    }
    return slot;
  }

  /** Each thread's pools get their share of the per-origin connections (rounded up). */
  private threadOptions(): SenderThreadOptions {
    const { pools } = this.options;
    return {
      pools: { ...pools, connectionsPerOrigin: Math.ceil(pools.connectionsPerOrigin / this.threads) },
    };
  }

  private originCounts(origin: string): number[] {
    let counts = this.inFlightByOrigin.get(origin);
    if (!counts) {
      counts = new Array<number>(this.threads).fill(0);
      this.inFlightByOrigin.set(origin, counts);
    }
    return counts;
  }

  private leastLoaded(counts: number[]): SenderSlot {
    let best = 0;
    for (let i = 1; i < counts.length; i++) if ((counts[i] ?? 0) < (counts[best] ?? 0)) best = i;
    return this.slots[best] as SenderSlot;
  }

  private flushSoon(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => this.flush());
  }

  /** Posts what each running thread was given since the last flush, in one message per thread. */
  private flush(): void {
    this.flushScheduled = false;
    for (const slot of this.slots) {
      const { batch, worker } = slot;
      if (!worker || (batch.requests.length === 0 && batch.release.length === 0)) continue;
      slot.batch = emptyBatch();
      worker.postMessage(batch);
    }
  }

  private received(slot: SenderSlot, message: FromSenderThread): void {
    if (message.type !== 'outcomes') return;
    for (const line of message.unexpected)
      this.logger.error({ thread: slot.index, error: line }, 'sending a notification failed unexpectedly');
    for (const [requestNo, outcome] of message.outcomes) this.settle(slot, requestNo, outcome);
    if (slot.batch.release.length > 0) this.flushSoon();
  }

  private settle(slot: SenderSlot, requestNo: number, outcome: SendOutcome | null): void {
    const pending = slot.pending.get(requestNo);
    if (!pending) return;
    slot.pending.delete(requestNo);
    if (slot.pending.size === 0) slot.worker?.unref();
    const counts = this.originCounts(pending.origin);
    counts[slot.index] = (counts[slot.index] ?? 1) - 1;
    if (counts.every((count) => count === 0)) this.inFlightByOrigin.delete(pending.origin);
    const holders = (slot.bodyHolders.get(pending.eventId) ?? 1) - 1;
    if (holders > 0) slot.bodyHolders.set(pending.eventId, holders);
    else {
      slot.bodyHolders.delete(pending.eventId);
      if (outcome !== null) slot.batch.release.push(pending.eventId);
    }
    pending.resolve(outcome);
  }

  /** A thread that ended: its attempts in flight are lost to it, given back; unless closing, a new one starts. */
  private exited(slot: SenderSlot, code: number): void {
    slot.exited = true;
    for (const requestNo of [...slot.pending.keys()]) this.settle(slot, requestNo, null);
    if (this.closing) return;
    const diedYoung = Date.now() - slot.startedAt < STABLE_AFTER_MS;
    this.restartDelayMs = diedYoung ? Math.min(this.restartDelayMs * 2 || 100, MAX_RESTART_DELAY_MS) : 0;
    this.logger.error(
      { thread: slot.index, exitCode: code, restartInMs: this.restartDelayMs },
      'a sender thread stopped; starting a new one',
    );
    this.slots[slot.index] = this.startSlot(slot.index, this.restartDelayMs);
  }

  private closeSlot(slot: SenderSlot): Promise<void> {
    const { worker } = slot;
    if (slot.exited || !worker) {
      if (slot.startTimer) clearTimeout(slot.startTimer);
      for (const requestNo of [...slot.pending.keys()]) this.settle(slot, requestNo, null);
      return Promise.resolve();
    }
    slot.closed ??= new Promise<void>((resolve) => {
      worker.ref(); // closing is work: the process waits for it
      // Its pools close after their requests, which have all finished by now; a thread that
      // still does not answer is ended.
      const deadline = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
      worker.once('exit', () => {
        clearTimeout(deadline);
        resolve();
      });
      worker.on('message', (message: FromSenderThread) => {
        if (message.type === 'closed') void worker.terminate();
      });
      worker.postMessage({ type: 'close' } satisfies ToSenderThread);
    });
    return slot.closed;
  }
}

/**
 * Starts one sender thread. From source (tests, tsx) the TypeScript entry is loaded through tsx's
 * `tsImport`, since Node 20 does not pass a parent's `--import` loader hooks on to workers.
 */
function startThread(entry: URL | undefined, workerData: SenderThreadOptions): Worker {
  const here = import.meta.url;
  const file = entry ?? new URL(here.endsWith('.ts') ? './sender-thread.ts' : './sender-thread.js', here);
  const options = { workerData, resourceLimits: SENDER_THREAD_LIMITS };
  if (!file.pathname.endsWith('.ts')) return new Worker(file, options);
  const code = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(file.href)}, ${JSON.stringify(here)}))`;
  return new Worker(code, { ...options, eval: true });
}

/**
 * A sender thread's young generation: 12 MB instead of V8's default 48. What a sender allocates
 * lives for one request, so a small nursery collects it as well; the default one is resident once
 * grown and was 22 MB of the server's peak RSS draining a backlog (317 → 295 MB at 200,000
 * deliveries, the same rate; docs/performance.md "Sixth round"). Old space is not limited: a
 * thread out of heap would die with its requests.
 */
const SENDER_THREAD_LIMITS = { maxYoungGenerationSizeMb: 12 };

function emptyBatch(): SendBatch {
  return { type: 'send', release: [], bodies: [], requests: [] };
}
