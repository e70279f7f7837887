import type { Attempt } from '../model.js';
import type { ServerEvents } from '../server-events.js';

const MINUTE = 60_000;
/** The overview chart's span: one hour of one-minute buckets. */
export const RATE_BUCKETS = 60;

/** Attempts and failures in one minute. */
export interface RateBucket {
  /** Epoch milliseconds the minute starts. */
  start: number;
  attempts: number;
  failures: number;
}

/**
 * The overview's "deliveries per second over the last hour": attempts counted per subscription
 * and minute as the dispatcher reports them (server-events.ts), so a user's chart sums only its
 * own subscriptions. This node's attempts since it started; memory is one hour of counters per
 * subscription that had any.
 */
export class DeliveryRate {
  readonly #bySubscription = new Map<string, Map<number, { attempts: number; failures: number }>>();
  readonly #stop: () => void;

  constructor(events: ServerEvents) {
    const onAttempt = (e: { subscriptionId: string; attempt: Attempt }) =>
      this.record(e.subscriptionId, e.attempt);
    events.on('delivery:attempted', onAttempt);
    this.#stop = () => events.off('delivery:attempted', onAttempt);
  }

  record(subscriptionId: string, attempt: Pick<Attempt, 'startedAt' | 'status'>): void {
    const minute = Math.floor(attempt.startedAt / MINUTE) * MINUTE;
    let minutes = this.#bySubscription.get(subscriptionId);
    if (!minutes) {
      minutes = new Map();
      this.#bySubscription.set(subscriptionId, minutes);
    }
    const bucket = minutes.get(minute) ?? { attempts: 0, failures: 0 };
    bucket.attempts += 1;
    if (attempt.status === null || attempt.status < 200 || attempt.status > 299) bucket.failures += 1;
    minutes.set(minute, bucket);
  }

  /** The last hour up to `now`, oldest first; `visible` says which subscriptions count (tenancy). */
  lastHour(now: number, visible: (subscriptionId: string) => boolean): RateBucket[] {
    const last = Math.floor(now / MINUTE) * MINUTE;
    const first = last - (RATE_BUCKETS - 1) * MINUTE;
    const buckets = Array.from({ length: RATE_BUCKETS }, (_, i) => ({
      start: first + i * MINUTE,
      attempts: 0,
      failures: 0,
    }));
    for (const [subscriptionId, minutes] of this.#bySubscription) {
      for (const minute of minutes.keys()) if (minute < first) minutes.delete(minute);
      if (minutes.size === 0) this.#bySubscription.delete(subscriptionId);
      if (!visible(subscriptionId)) continue;
      for (const [minute, counts] of minutes) {
        const bucket = buckets[(minute - first) / MINUTE];
        if (!bucket) continue;
        bucket.attempts += counts.attempts;
        bucket.failures += counts.failures;
      }
    }
    return buckets;
  }

  close(): void {
    this.#stop();
  }
}
