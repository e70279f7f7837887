import type { AttemptResult } from './store.js';

/** What a batch of outcomes does to one subscription's failure run, folded in order. */
export interface HealthChange {
  id: string;
  /** A success in the batch resets the run before the failures after it. */
  reset: boolean;
  failures: number;
  firstFailureAt: number | null;
  lastSuccessAt: number | null;
  /** The batch ended on a failure: the dispatcher checks this subscription for blacklisting. */
  endsFailing: boolean;
}

/**
 * Folds a batch's outcomes per subscription, in order: a success resets the run before the
 * failures after it. Both stores then write each subscription once per batch, not once per outcome.
 */
export function foldHealth(results: AttemptResult[]): HealthChange[] {
  const changes = new Map<string, HealthChange>();
  for (const r of results) {
    const at = r.attempt.startedAt + r.attempt.latencyMs;
    const c = changes.get(r.subscriptionId) ?? {
      id: r.subscriptionId,
      reset: false,
      failures: 0,
      firstFailureAt: null,
      lastSuccessAt: null,
      endsFailing: false,
    };
    if (r.outcome === 'success') {
      Object.assign(c, {
        reset: true,
        failures: 0,
        firstFailureAt: null,
        lastSuccessAt: at,
        endsFailing: false,
      });
    } else {
      c.failures += 1;
      c.firstFailureAt ??= at;
      c.endsFailing = true;
    }
    changes.set(r.subscriptionId, c);
  }
  return [...changes.values()];
}
