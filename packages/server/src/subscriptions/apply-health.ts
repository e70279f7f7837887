import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { REASON_NOT_REACHABLE } from '../outbound/failure-reason.js';
import type { ServerEvents } from '../server-events.js';
import type { AttemptResult, Store, SubscriptionHealth } from '../store/store.js';
import { shouldBlacklist } from './subscription-health.js';

/** A batch of attempts written in one transaction, and what it left the subscriptions. */
export interface RecordedBatch {
  health: SubscriptionHealth[];
  attempts: AttemptResult[];
  /** Subscriptions whose receiver answered 410 Gone in this batch, with the reason. */
  goneReasons: ReadonlyMap<string, string>;
}

export interface ApplyHealthDeps {
  store: Store;
  clock: Clock;
  config: Pick<Readonly<Config>, 'blacklistAfterMs' | 'blacklistMinFailures' | 'probeIntervalMs'>;
  events: ServerEvents;
}

/**
 * Blacklists each Active subscription of the batch whose receiver answered 410 Gone or whose
 * failure run is long enough (`shouldBlacklist`), with the reason its last attempt gave, and
 * reports `subscription:blacklisted`. `blacklisted` runs after each one, before the next is
 * written: the dispatcher gives back that subscription's queue there.
 *
 * @example
 * const health = await store.recordAttempts(attempts);
 * await applyHealth(deps, { health, attempts, goneReasons }, (id) => dispatcher.giveBack(id));
 */
export async function applyHealth(
  { store, clock, config, events }: ApplyHealthDeps,
  { health, attempts, goneReasons }: RecordedBatch,
  blacklisted: (subscriptionId: string) => Promise<void>,
): Promise<void> {
  const now = clock.now();
  const lastError = new Map<string, string>();
  for (const result of attempts)
    if (result.attempt.error) lastError.set(result.subscriptionId, result.attempt.error);
  for (const h of health) {
    const goneReason = goneReasons.get(h.subscriptionId);
    if (h.status !== 'Active') continue;
    if (!goneReason && !shouldBlacklist(h, now, config)) continue;
    const reason = goneReason ?? lastError.get(h.subscriptionId) ?? REASON_NOT_REACHABLE;
    await store.updateSubscription(h.subscriptionId, {
      status: 'Blacklisted',
      blacklistedAt: now,
      blacklistedReason: reason,
      // 410: the receiver asked us to stop, so it is not probed (docs/decisions.md "Delivery").
      probeEnabled: !goneReason,
      nextProbeAt: goneReason ? null : now + config.probeIntervalMs,
      updatedAt: now,
    });
    events.emit('subscription:blacklisted', { subscriptionId: h.subscriptionId, reason });
    await blacklisted(h.subscriptionId);
  }
}
