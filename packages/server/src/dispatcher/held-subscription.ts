import type { ClaimedDelivery } from '../store/store.js';
import type { OrderedAttempts } from './ordered-attempts.js';
import type { QueueCaps } from './queue-caps.js';
import type { ReceiverBackoff } from './receiver-backoff.js';
import type { WakeUps } from './wake-ups.js';

/** One subscription's deliveries held by the local queue. */
export interface HeldSubscription {
  id: string;
  accountId: string;
  origin: string;
  queued: ClaimedDelivery[];
  inFlight: number;
  /** Its ordered deliveries in flight: a slow one stops holding a slot. */
  ordered: OrderedAttempts;
}

/** What the local queue knows, at one pick, about the caps shared between subscriptions. */
export interface StartRules {
  caps: QueueCaps;
  backoff: ReceiverBackoff;
  wakeUps: WakeUps<HeldSubscription>;
  inFlightByOrigin: ReadonlyMap<string, number>;
  /** True while the subscriptions backing off hold all the slots they may. */
  failingFull: () => boolean;
}

/**
 * The queue index of the delivery this subscription may start now under every cap, or null:
 * then the fair order parks it (`FairOrder`), and what turned it down wakes it: a time passing or
 * a slot of the backing-off half freeing (`WakeUps`), an attempt at its origin ending, or its own
 * queue or attempts changing (`LocalQueue`).
 */
export function startableIndex(held: HeldSubscription, now: number, rules: StartRules): number | null {
  const { caps, backoff, wakeUps } = rules;
  const { perSubscriptionConcurrency } = caps;
  if (held.queued.length === 0) return null;
  if (held.inFlight - held.ordered.slow(now, perSubscriptionConcurrency) >= perSubscriptionConcurrency) {
    wakeUps.parkUntil(held, held.ordered.nextSlowAt(now));
    return null;
  }
  if (backoff.isStopped(held.id)) return null;
  if ((rules.inFlightByOrigin.get(held.origin) ?? 0) >= caps.connectionsPerOrigin) return null;
  if (!backoff.isFailing(held.id, held.origin)) return 0;
  if (rules.failingFull()) {
    wakeUps.parkOnFailingCap(held);
    return null;
  }
  // While backing off: the first retry (they keep their schedule), or a probe once the round is over.
  const retry = held.queued.findIndex((claim) => claim.delivery.attempts > 0);
  if (retry >= 0) return retry;
  if (backoff.mayStartFresh(held.id, held.origin, now)) return 0;
  wakeUps.parkUntil(held, backoff.resumesAt(held.id, held.origin, now));
  return null;
}
