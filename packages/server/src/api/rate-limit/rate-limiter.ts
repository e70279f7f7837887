export interface RateLimiterOptions {
  windowMs: number;
  penaltyMs: number;
}

export type RateLimitVerdict =
  | { allowed: true; remaining: number }
  | { allowed: false; retryAfterMs: number };

interface Bucket {
  /** Times of the requests counted in the current window, oldest first. */
  hits: number[];
  penaltyUntil: number;
}

/**
 * RingCentral's throttling (ringcentral-protocol.md §3.9): a sliding window of `limit` requests
 * per key; a request over the limit starts a penalty, and **every request during the penalty
 * restarts it**, so a client that keeps hammering stays out until it waits a full penalty.
 * Time comes from the caller (the injected clock), so tests move it instead of sleeping.
 *
 * Memory is bounded by the keys seen within one window: idle keys are swept once per window.
 *
 * @example
 * const limiter = new RateLimiter({ windowMs: 60_000, penaltyMs: 60_000 });
 * limiter.take('token-1:light', 50, clock.now()); // { allowed: true, remaining: 49 }
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private nextSweepAt = 0;

  constructor(private readonly options: RateLimiterOptions) {}

  take(key: string, limit: number, now: number): RateLimitVerdict {
    this.sweep(now);
    const { windowMs, penaltyMs } = this.options;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { hits: [], penaltyUntil: 0 };
      this.buckets.set(key, bucket);
    }
    const expired = bucket.hits.findIndex((at) => at > now - windowMs);
    bucket.hits.splice(0, expired === -1 ? bucket.hits.length : expired);
    if (bucket.penaltyUntil > now || bucket.hits.length >= limit) {
      bucket.penaltyUntil = now + penaltyMs;
      return { allowed: false, retryAfterMs: penaltyMs };
    }
    bucket.hits.push(now);
    return { allowed: true, remaining: limit - bucket.hits.length };
  }

  /** Keys tracked right now (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + this.options.windowMs;
    for (const [key, bucket] of this.buckets) {
      const last = bucket.hits.at(-1) ?? Number.NEGATIVE_INFINITY;
      if (last <= now - this.options.windowMs && bucket.penaltyUntil <= now) this.buckets.delete(key);
    }
  }
}
