import type { ReceiverBackoff } from './receiver-backoff.js';

/** Subscriptions whose origin is remembered before the memory starts afresh. */
const ORIGINS_REMEMBERED = 100_000;

/**
 * The back-off as the local queue and a publish ask about it, for subscriptions held here now or
 * earlier: a subscription whose receiver refuses holds nothing most of the time, and one behind a
 * backing-off origin may never have had an attempt of its own, so the origin each subscription
 * was last held at is remembered (bounded).
 *
 * @example
 * lookup.putOffUntil(subscriptionId, now); // the end of its back-off round, or 0
 */
export class BackoffLookup {
  private readonly origins = new Map<string, string>();

  constructor(
    private readonly backoff: ReceiverBackoff,
    private readonly heldOrigin: (subscriptionId: string) => string | undefined,
  ) {}

  /** The subscription is held here, at this origin. */
  remember(subscriptionId: string, origin: string): void {
    if (this.origins.size >= ORIGINS_REMEMBERED) this.origins.clear();
    this.origins.set(subscriptionId, origin);
  }

  /** The origin of a subscription that backs off (itself or its origin), else null. */
  failingOrigin(subscriptionId: string): string | null {
    const origin = this.heldOrigin(subscriptionId) ?? this.origins.get(subscriptionId);
    return origin !== undefined && this.backoff.isFailing(subscriptionId, origin) ? origin : null;
  }

  /**
   * When a new delivery of this subscription that this node does not take should be due: the
   * end of its back-off round while it backs off (else every claim would scan it only to give it
   * back), 0 otherwise.
   */
  putOffUntil(subscriptionId: string, now: number): number {
    const origin = this.failingOrigin(subscriptionId);
    return origin === null ? 0 : this.backoff.resumesAt(subscriptionId, origin, now);
  }

  /** True while the subscription waits out a back-off round (or its probe is out). */
  waitsOutBackoff(subscriptionId: string, now: number): boolean {
    const origin = this.failingOrigin(subscriptionId);
    return origin !== null && !this.backoff.mayStartFresh(subscriptionId, origin, now);
  }
}
