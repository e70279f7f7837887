/**
 * Waits after the first try, in order (docs/decisions.md "Delivery"): 5 s, 30 s, 2 min, 10 min,
 * 30 min, 1 h, 3 h, 6 h, 12 h, 24 h — about 47 h in all. RingCentral itself never retries
 * (ringcentral-protocol.md §7.3).
 */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/** `Retry-After` is honoured only within [1 s, 24 h] (docs/decisions.md "Delivery"). */
const RETRY_AFTER_MIN_MS = 1_000;
const RETRY_AFTER_MAX_MS = 86_400_000;

export interface NextRetryDelayOptions {
  /** Failures so far, including the one just recorded; 1-based. */
  retryStep: number;
  schedule: readonly number[];
  /** Relative spread, e.g. 0.2 for ±20 %. */
  jitter: number;
  /** Uniform in [0, 1), injected so tests are deterministic. */
  random: () => number;
  /** From the failed response's `Retry-After`, if any. */
  retryAfterMs: number | null;
}

/**
 * How long to wait before the next attempt, or null when the schedule is used up (the delivery is
 * then `dead`). A receiver's `Retry-After` wins over the schedule, clamped, without jitter: the
 * receiver named the time. It never adds attempts beyond the schedule.
 *
 * @example
 * nextRetryDelay({ retryStep: 1, schedule: DEFAULT_RETRY_SCHEDULE_MS, jitter: 0.2, random: Math.random, retryAfterMs: null });
 * // 4_000 … 6_000
 */
export function nextRetryDelay(opts: NextRetryDelayOptions): number | null {
  const base = opts.schedule[opts.retryStep - 1];
  if (base === undefined || opts.retryStep < 1) return null;
  if (opts.retryAfterMs !== null) {
    return Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, opts.retryAfterMs));
  }
  // Jitter spreads retries of deliveries that failed together (one outage), so they do not
  // return as one burst.
  const factor = 1 + opts.jitter * (2 * opts.random() - 1);
  return Math.round(base * factor);
}
