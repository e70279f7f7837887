import type { Config } from '../config.js';
import type { Attempt } from '../model.js';
import type { Random } from '../random.js';
import type { AttemptResult, ClaimedDelivery, DeliveryNext } from '../store/store.js';
import { redactSecret } from './redact-secret.js';
import { nextRetryDelay } from './retry-schedule.js';
import type { SendOutcome } from './send-notification.js';

/** What deciding a delivery's next state needs. */
export interface AttemptResultDeps {
  config: Pick<Readonly<Config>, 'retryScheduleMs' | 'retryJitter'>;
  random: Random;
}

/**
 * The record of one attempt and what it leaves its delivery: delivered, pending until the next
 * retry, or dead when the retry schedule is used up.
 *
 * @example
 * const result = attemptResult(claim, startedAt, outcome, { config, random });
 * result.next; // { state: 'pending', nextAttemptAt: startedAt + 30_000 }
 */
export function attemptResult(
  claim: ClaimedDelivery,
  startedAt: number,
  outcome: SendOutcome,
  deps: AttemptResultDeps,
): AttemptResult {
  const attempt: Attempt = {
    deliveryId: claim.delivery.id,
    attemptNo: claim.delivery.attempts + 1,
    startedAt,
    latencyMs: Math.round(outcome.latencyMs),
    status: outcome.status,
    error: outcome.ok ? null : outcome.error,
    // A receiver may reflect the request: its body is shown by the API, the token must not be.
    responseSnippet:
      outcome.responseSnippet === null
        ? null
        : redactSecret(outcome.responseSnippet, claim.subscription.verificationToken),
  };
  return {
    attempt,
    next: outcome.ok ? { state: 'delivered' } : nextAfterFailure(claim, startedAt, outcome, deps),
    subscriptionId: claim.subscription.id,
    outcome: outcome.ok ? 'success' : 'failure',
  };
}

function nextAfterFailure(
  claim: ClaimedDelivery,
  startedAt: number,
  outcome: SendOutcome,
  { config, random }: AttemptResultDeps,
): DeliveryNext {
  const delay = nextRetryDelay({
    retryStep: claim.delivery.retryStep + 1,
    schedule: config.retryScheduleMs,
    jitter: config.retryJitter,
    random: () => random.float(),
    retryAfterMs: outcome.retryAfterMs,
  });
  return delay === null ? { state: 'dead' } : { state: 'pending', nextAttemptAt: startedAt + delay };
}
