import type { Logger } from 'pino';
import type { ServerEvents } from '../server-events.js';
import type { AttemptResult, Store } from '../store/store.js';
import type { RecordedBatch } from '../subscriptions/apply-health.js';

export interface AttemptRecorderDeps {
  store: Store;
  events: ServerEvents;
  logger: Logger;
  /** How long an outcome after a quiet spell, or one that frees an ordered key, waits for its batch. */
  attemptFlushMs: number;
  /** Under a steady stream of outcomes, the least time between two batches. */
  attemptBatchMs: number;
  /** Acts on the subscriptions' health once a batch is written (blacklisting). */
  afterRecorded: (batch: RecordedBatch) => Promise<void>;
  /** Timers and a monotonic clock, injected by tests; real ones by default. */
  timers?: RecorderTimers;
}

/** What the recorder needs of time: pacing is real elapsed time, not the schedule's clock. */
export interface RecorderTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): () => void;
}

const realTimers: RecorderTimers = {
  now: () => performance.now(),
  setTimeout: (run, ms) => {
    const timer = setTimeout(run, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** A batch this big is written at once instead of waiting for its time. */
export const FLUSH_AT_ATTEMPTS = 512;

/**
 * Reports each attempt as typed events at once, and writes the attempts in batches, one
 * transaction each. A batch's cost is mostly its commit (the pages it dirties go to the WAL
 * whole), so under load the batches are paced: at least `attemptBatchMs` apart, or 512 outcomes,
 * whichever comes first. An outcome after a quiet spell, or one that frees an ordered key (the
 * key's next delivery waits for it, docs/ordering.md), waits at most `attemptFlushMs`.
 * docs/performance.md "Seventh round" has the figures.
 *
 * @example
 * recorder.add(attemptResult(claim, startedAt, outcome, deps), null);
 * await recorder.flush(); // on stop: nothing stays unwritten
 */
export class AttemptRecorder {
  private unrecorded: AttemptResult[] = [];
  /** Subscriptions whose receiver answered 410 Gone since the last flush, with the reason. */
  private readonly goneReasons = new Map<string, string>();
  private flushing: Promise<void> = Promise.resolve();
  private cancelTimer: (() => void) | null = null;
  /** When the pending timer fires (timers.now() time). */
  private timerDue = Number.POSITIVE_INFINITY;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private readonly timers: RecorderTimers;

  constructor(private readonly deps: AttemptRecorderDeps) {
    this.timers = deps.timers ?? realTimers;
  }

  /**
   * Takes one attempt's result; `goneReason` is set when the receiver answered 410 Gone; `urgent`
   * when something waits for this outcome to be written (an ordered key's next delivery).
   */
  add(result: AttemptResult, goneReason: string | null, urgent = false): void {
    const { events } = this.deps;
    const ids = { subscriptionId: result.subscriptionId, deliveryId: result.attempt.deliveryId };
    events.emit('delivery:attempted', { ...ids, attempt: result.attempt });
    if (result.outcome === 'success') events.emit('delivery:succeeded', { ...ids, attempt: result.attempt });
    if (result.next.state === 'dead') events.emit('delivery:dead', { ...ids, attempt: result.attempt });
    this.unrecorded.push(result);
    if (goneReason !== null) this.goneReasons.set(result.subscriptionId, goneReason);
    this.scheduleFlush(urgent);
  }

  /** Writes what is buffered in one transaction, then hands the health it returns on. */
  flush(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.timerDue = Number.POSITIVE_INFINITY;
    this.flushing = this.flushing.then(() => this.writeBatch());
    return this.flushing;
  }

  private scheduleFlush(urgent: boolean): void {
    if (this.unrecorded.length >= FLUSH_AT_ATTEMPTS) {
      void this.flush();
      return;
    }
    const { attemptFlushMs, attemptBatchMs } = this.deps;
    const now = this.timers.now();
    const wait = urgent ? attemptFlushMs : Math.max(attemptFlushMs, this.lastWriteAt + attemptBatchMs - now);
    if (this.timerDue <= now + wait) return;
    this.cancelTimer?.();
    this.timerDue = now + wait;
    this.cancelTimer = this.timers.setTimeout(() => void this.flush(), wait);
  }

  private async writeBatch(): Promise<void> {
    if (this.unrecorded.length === 0) return;
    this.lastWriteAt = this.timers.now();
    const attempts = this.unrecorded;
    this.unrecorded = [];
    const goneReasons = new Map(this.goneReasons);
    this.goneReasons.clear();
    try {
      const health = await this.deps.store.recordAttempts(attempts);
      await this.deps.afterRecorded({ health, attempts, goneReasons });
    } catch (err) {
      // The leases run out and the deliveries are attempted again: at-least-once, never lost.
      this.deps.logger.error(
        { err, attempts: attempts.length },
        'recording attempts failed; they will be retried',
      );
    }
  }
}
