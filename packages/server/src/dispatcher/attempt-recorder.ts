import type { Logger } from 'pino';
import type { ServerEvents } from '../server-events.js';
import type { AttemptResult, Store } from '../store/store.js';
import type { RecordedBatch } from '../subscriptions/apply-health.js';

export interface AttemptRecorderDeps {
  store: Store;
  events: ServerEvents;
  logger: Logger;
  /** How long an attempt may wait in memory for its batch. */
  attemptFlushMs: number;
  /** Acts on the subscriptions' health once a batch is written (blacklisting). */
  afterRecorded: (batch: RecordedBatch) => Promise<void>;
}

/** A batch this big is written at once instead of waiting for `attemptFlushMs`. */
const FLUSH_AT_ATTEMPTS = 200;

/**
 * Reports each attempt as typed events at once, and writes the attempts in batches: one
 * transaction per `attemptFlushMs` or per 200 attempts, not one per request.
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
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: AttemptRecorderDeps) {}

  /** Takes one attempt's result; `goneReason` is set when the receiver answered 410 Gone. */
  add(result: AttemptResult, goneReason: string | null): void {
    const { events } = this.deps;
    const ids = { subscriptionId: result.subscriptionId, deliveryId: result.attempt.deliveryId };
    events.emit('delivery:attempted', { ...ids, attempt: result.attempt });
    if (result.outcome === 'success') events.emit('delivery:succeeded', { ...ids, attempt: result.attempt });
    if (result.next.state === 'dead') events.emit('delivery:dead', { ...ids, attempt: result.attempt });
    this.unrecorded.push(result);
    if (goneReason !== null) this.goneReasons.set(result.subscriptionId, goneReason);
    this.scheduleFlush();
  }

  /** Writes what is buffered in one transaction, then hands the health it returns on. */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.flushing = this.flushing.then(() => this.writeBatch());
    return this.flushing;
  }

  private scheduleFlush(): void {
    if (this.unrecorded.length >= FLUSH_AT_ATTEMPTS) {
      void this.flush();
      return;
    }
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => void this.flush(), this.deps.attemptFlushMs);
    this.flushTimer.unref();
  }

  private async writeBatch(): Promise<void> {
    if (this.unrecorded.length === 0) return;
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
