import type { FairMember, FairOrder } from './fair-order.js';
import type { ReceiverBackoff } from './receiver-backoff.js';

/** A held subscription as the wake-ups see it. */
interface Parkable extends FairMember {
  origin: string;
}

/**
 * When a subscription the fair order turned down (`FairOrder`, parked) may start again: one of
 * its attempts ended, an attempt at its origin ended while the origin was at its connection cap
 * or was backing off, an attempt backing off ended while those held their half of the slots, a
 * back-off ended, or a time passed (its back-off round's end, an ordered attempt turning slow).
 * Its queue growing wakes it where that happens (`LocalQueue.enqueue`). Every reason
 * `startableIndex` turns one down for has its wake-up here or there: one missed would leave its
 * deliveries held, unsent, until a restart.
 *
 * @example
 * wakeUps.held(held); // … wakeUps.parkUntil(held, roundEnd); … wakeUps.wakeDue(now);
 */
export class WakeUps<T extends Parkable> {
  private readonly byOrigin = new Map<string, Set<T>>();
  private readonly onFailingCap = new Set<T>();
  private readonly until = new Map<T, number>();
  private earliest = Number.POSITIVE_INFINITY;
  private recoveriesSeen = 0;

  constructor(
    private readonly order: FairOrder<T>,
    private readonly backoff: ReceiverBackoff,
  ) {}

  /**
   * An attempt of `member` ended: it may start another; so may the others at its origin if the
   * origin was at its cap, or the attempt was backing off (a probe's end may open the round for
   * all of them there); so may those waiting for the backing-off half if it was full; and, once
   * a back-off ended anywhere, everything parked.
   */
  attemptEnded(member: T, was: { originWasFull: boolean; failing: boolean; failingWasFull: boolean }): void {
    this.order.wake(member);
    if (was.originWasFull || was.failing) this.wakeOrigin(member.origin);
    if (was.failingWasFull) this.wakeFailingCap();
    if (this.backoff.recoveries !== this.recoveriesSeen) {
      this.recoveriesSeen = this.backoff.recoveries;
      this.order.wakeAll();
    }
  }

  held(member: T): void {
    let members = this.byOrigin.get(member.origin);
    if (!members) {
      members = new Set();
      this.byOrigin.set(member.origin, members);
    }
    members.add(member);
  }

  dropped(member: T): void {
    const members = this.byOrigin.get(member.origin);
    members?.delete(member);
    if (members?.size === 0) this.byOrigin.delete(member.origin);
    this.onFailingCap.delete(member);
    this.until.delete(member);
  }

  /** Turned down until `at` (or an earlier wake-up). */
  parkUntil(member: T, at: number): void {
    this.until.set(member, Math.min(at, this.until.get(member) ?? Number.POSITIVE_INFINITY));
    this.earliest = Math.min(this.earliest, at);
  }

  /** Turned down while the subscriptions backing off hold all the slots they may. */
  parkOnFailingCap(member: T): void {
    this.onFailingCap.add(member);
  }

  /** Wakes what was parked until now or earlier. */
  wakeDue(now: number): void {
    if (now < this.earliest) return;
    this.earliest = Number.POSITIVE_INFINITY;
    for (const [member, at] of this.until) {
      if (at <= now) {
        this.until.delete(member);
        this.order.wake(member);
      } else this.earliest = Math.min(this.earliest, at);
    }
  }

  /** The subscriptions held at `origin`. */
  heldAt(origin: string): T[] {
    return [...(this.byOrigin.get(origin) ?? [])];
  }

  private wakeOrigin(origin: string): void {
    for (const member of this.byOrigin.get(origin) ?? []) this.order.wake(member);
  }

  private wakeFailingCap(): void {
    for (const member of this.onFailingCap) this.order.wake(member);
    this.onFailingCap.clear();
  }
}
