/**
 * An ordered delivery in flight this long stops counting against its subscription's
 * concurrency (up to that many of them): one key stuck on a receiver that does not answer must
 * not hold a slot the other keys need until its timeout (docs/ordering.md "A stuck key").
 */
export const SLOW_ORDERED_ATTEMPT_MS = 500;

/**
 * One subscription's ordered deliveries in flight and when each started, so the local queue can
 * tell how many of them are slow enough to stop holding a slot.
 *
 * @example
 * ordered.started(claim.delivery.id, now); // … ordered.finished(claim.delivery.id);
 * held.inFlight - ordered.slow(now, perSubscriptionConcurrency) >= perSubscriptionConcurrency; // at its cap?
 */
export class OrderedAttempts {
  private readonly startedAt = new Map<string, number>();

  started(deliveryId: string, at: number): void {
    this.startedAt.set(deliveryId, at);
  }

  finished(deliveryId: string): void {
    this.startedAt.delete(deliveryId);
  }

  /** When the next of them turns slow after `now` (never, if none is left to). */
  nextSlowAt(now: number): number {
    let at = Number.POSITIVE_INFINITY;
    for (const startedAt of this.startedAt.values()) {
      const slowAt = startedAt + SLOW_ORDERED_ATTEMPT_MS;
      if (slowAt > now) at = Math.min(at, slowAt);
    }
    return at;
  }

  /** How many have been in flight for SLOW_ORDERED_ATTEMPT_MS or longer, at most `cap`. */
  slow(now: number, cap: number): number {
    let slow = 0;
    for (const at of this.startedAt.values()) if (now - at >= SLOW_ORDERED_ATTEMPT_MS) slow += 1;
    return Math.min(slow, cap);
  }
}
