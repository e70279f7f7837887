import type { Clock } from '../clock.js';
import type { ClaimedDelivery } from '../store/store.js';
import { addCount } from './add-count.js';
import { BackoffLookup } from './backoff-lookup.js';
import { FairOrder } from './fair-order.js';
import { HeldBodies, withoutBodyText } from './held-bodies.js';
import { type HeldSubscription, type StartRules, startableIndex } from './held-subscription.js';
import { OrderedAttempts } from './ordered-attempts.js';
import { originOf } from './origin-of.js';
import type { QueueCaps } from './queue-caps.js';
import type { ReceiverBackoff } from './receiver-backoff.js';
import { WakeUps } from './wake-ups.js';

/** Sends one delivery (its body's shared bytes beside it) and records its outcome; never rejects. */
export type StartAttempt = (claim: ClaimedDelivery, body: Buffer) => Promise<void>;

/**
 * The deliveries this node holds, per subscription: queued, in flight, or reserved by a publish
 * not yet committed. Each subscription holds at most `perSubscriptionBuffer`, the node at most
 * `bufferTotal` deliveries and `maxHeldBytes` of bodies, so a slow receiver holds back only its
 * own deliveries. Which queued delivery starts when a slot frees is the fair order's call
 * (`FairOrder`), under the caps per subscription, per origin and per node; subscriptions
 * backing off (`ReceiverBackoff`) share at most half of `maxInFlight`.
 *
 * @example
 * const queue = new LocalQueue(config, clock, backoff, (claim, body) => attempt(claim, body), (id) => afterAttempt(id));
 * queue.enqueue(claims); // starts what the caps allow; the rest waits its turn here
 */
export class LocalQueue {
  /** Deliveries one subscription may hold here. */
  readonly perSubscriptionBuffer: number;
  /** Deliveries the node may hold in all. */
  readonly bufferTotal: number;
  /** The shared bodies of what is held. */
  readonly bodies = new HeldBodies();
  private readonly subscriptions = new Map<string, HeldSubscription>();
  private readonly order = new FairOrder<HeldSubscription>();
  private readonly wakeUps: WakeUps<HeldSubscription>;
  /** What `startableIndex` reads, made once: `startWhatFits` runs after every attempt. */
  private readonly startRules: StartRules;
  private readonly inFlightByOrigin = new Map<string, number>();
  private inFlightTotal = 0;
  /** Attempts in flight of subscriptions that were backing off when they started. */
  private inFlightFailing = 0;
  private readonly failingCap: number;
  /** Deliveries a backing-off subscription may hold here: what it may have in flight. */
  private readonly failingHold: number;
  private readonly reservedBySubscription = new Map<string, number>();
  private reservedTotal = 0;
  /** Ids of the deliveries this node holds, queued or in flight: their leases are kept alive. */
  private readonly heldDeliveryIds = new Set<string>();
  private readonly runningAttempts = new Set<Promise<void>>();
  /** Whether (and until when) a subscription backs off, held here now or not. */
  readonly backingOff: BackoffLookup;

  constructor(
    private readonly caps: QueueCaps,
    private readonly clock: Clock,
    private readonly backoff: ReceiverBackoff,
    private readonly startAttempt: StartAttempt,
    /** Called after each attempt, once its delivery is no longer held. */
    private readonly afterAttempt: (subscriptionId: string) => void,
  ) {
    this.perSubscriptionBuffer = Math.max(caps.perSubscriptionConcurrency * 64, 2);
    this.bufferTotal = Math.max(caps.maxInFlight * 32, caps.claimBatchSize);
    this.failingCap = Math.max(1, Math.floor(caps.maxInFlight / 2));
    this.failingHold = Math.max(1, caps.perSubscriptionConcurrency);
    this.backingOff = new BackoffLookup(backoff, (id) => this.subscriptions.get(id)?.origin);
    this.wakeUps = new WakeUps(this.order, backoff);
    this.startRules = {
      caps,
      backoff,
      wakeUps: this.wakeUps,
      inFlightByOrigin: this.inFlightByOrigin,
      failingFull: () => this.inFlightFailing >= this.failingCap,
    };
  }

  /**
   * What a backing-off subscription may hold here: `perSubscriptionConcurrency`, or less so that
   * all of them together hold at most a quarter of the buffer; 0 when there are more of them than
   * that (their probes then come from the table when their rounds end).
   */
  private failingShare(): number {
    return Math.min(this.failingHold, Math.floor(this.bufferTotal / 4 / (this.subscriptions.size + 1)));
  }

  /** Ids of the subscriptions held here at `origin`. */
  heldAt(origin: string): string[] {
    return this.wakeUps.heldAt(origin).map((held) => held.id);
  }

  /** One subscription's part of the node's buffer, counting one more that may arrive. */
  private fairShare(): number {
    return Math.max(this.failingHold * 2, Math.floor(this.bufferTotal / (this.subscriptions.size + 1)));
  }

  /** Deliveries of one subscription held here: in flight, queued, or reserved by a publish. */
  holding(subscriptionId: string): number {
    const held = this.subscriptions.get(subscriptionId);
    return (
      (held ? held.inFlight + held.queued.length : 0) + (this.reservedBySubscription.get(subscriptionId) ?? 0)
    );
  }

  /** Subscriptions with anything held here. */
  holders(): Set<string> {
    return new Set([...this.subscriptions.keys(), ...this.reservedBySubscription.keys()]);
  }

  /** How many more deliveries the node-wide buffer takes. */
  room(): number {
    return this.bufferTotal - this.heldDeliveryIds.size - this.reservedTotal;
  }

  /** Bytes of bodies a claim may still bring in (the first body always fits an empty node). */
  byteRoom(): number {
    if (this.heldDeliveryIds.size === 0) return Math.max(this.caps.maxHeldBytes, 1);
    return this.caps.maxHeldBytes - this.bodies.bytes;
  }

  /**
   * True when one more delivery of this subscription would overflow its buffer or the node's, or
   * its share of the node's: with many subscriptions held, each may hold at most its fair part of
   * `bufferTotal`, and one backing off at most its `failingShare`, so receivers that hang or
   * refuse can never fill the node and starve the others (docs/reliability.md "Fair delivery").
   */
  isFull(subscriptionId: string): boolean {
    if (this.heldDeliveryIds.size + this.reservedTotal >= this.bufferTotal || this.byteRoom() <= 0)
      return true;
    if (this.overFairShare(subscriptionId)) return true;
    return (
      this.backingOff.failingOrigin(subscriptionId) !== null &&
      this.holding(subscriptionId) >= this.failingShare()
    );
  }

  /** True when the subscription holds its buffer or its fair part of the node's, whatever its health. */
  private overFairShare(subscriptionId: string): boolean {
    const holding = this.holding(subscriptionId);
    return holding >= this.perSubscriptionBuffer || holding >= this.fairShare();
  }

  /**
   * Queued deliveries never attempted of a backing-off subscription beyond what it may hold:
   * taken out to wait in the table, due at `notBefore` (its round's end), so claims skip them.
   */
  takeExcess(subscriptionId: string, now: number): { ids: string[]; notBefore: number } {
    const held = this.subscriptions.get(subscriptionId);
    if (!held || !this.backoff.isFailing(held.id, held.origin)) return { ids: [], notBefore: 0 };
    // Retries keep their place and their schedule; deliveries never attempted go beyond the hold,
    // but one always stays: the round's probe, ready when the round ends.
    const share = this.failingShare();
    let freshRoom = share === 0 ? 0 : Math.max(1, share - held.inFlight);
    const kept: ClaimedDelivery[] = [];
    const ids: string[] = [];
    for (const claim of held.queued) {
      if (claim.delivery.attempts > 0 || freshRoom-- > 0) kept.push(claim);
      else ids.push(this.letGo(claim));
    }
    held.queued = kept;
    return { ids, notBefore: ids.length > 0 ? this.backoff.resumesAt(held.id, held.origin, now) : 0 };
  }

  /** Adds `count` (negative to give back) to what publishes reserved for this subscription. */
  reserve(subscriptionId: string, count: number): void {
    const left = (this.reservedBySubscription.get(subscriptionId) ?? 0) + count;
    if (left === 0) this.reservedBySubscription.delete(subscriptionId);
    else this.reservedBySubscription.set(subscriptionId, left);
    this.reservedTotal += count;
  }

  /** Takes leased deliveries into the per-subscription queues and starts what the caps allow. */
  enqueue(claims: ClaimedDelivery[]): void {
    for (const claim of claims) {
      const id = claim.delivery.id;
      if (this.heldDeliveryIds.has(id)) continue; // already here: its lease had lapsed and this claim renewed it
      this.heldDeliveryIds.add(id);
      this.bodies.acquire(claim.event.id, claim.event.bodyJson);
      const held = this.subscriptionOf(claim);
      held.queued.push(withoutBodyText(claim));
      this.order.wake(held);
    }
    this.startWhatFits();
  }

  /** Starts queued deliveries, in fair order, while a slot is free and anything may start. */
  startWhatFits(): void {
    const now = this.clock.now();
    this.wakeUps.wakeDue(now);
    const rules = this.startRules;
    while (this.inFlightTotal < this.caps.maxInFlight) {
      const next = this.order.next((held) => startableIndex(held, now, rules));
      if (next === null) return;
      this.start(next.member, next.choice);
    }
  }

  /** After an attempt: the freed slot goes to whoever the fair order says, not back to its subscription. */
  startNext(_subscriptionId: string): void {
    this.startWhatFits();
  }

  /** Empties one subscription's queue (not what is in flight); returns the ids taken out. */
  takeQueued(subscriptionId: string): string[] {
    const held = this.subscriptions.get(subscriptionId);
    if (!held) return [];
    const ids = held.queued.map((claim) => this.letGo(claim));
    held.queued = [];
    if (held.inFlight === 0) this.drop(held);
    return ids;
  }

  /** Empties every queue (not what is in flight); returns the ids taken out. */
  takeAllQueued(): string[] {
    return [...this.subscriptions.keys()].flatMap((id) => this.takeQueued(id));
  }

  /** Ids of everything held here, queued or in flight. */
  heldIds(): string[] {
    return [...this.heldDeliveryIds];
  }

  get hasAttemptsRunning(): boolean {
    return this.runningAttempts.size > 0;
  }

  /** Settles once the attempts running now have finished. */
  async attemptsFinished(): Promise<void> {
    await Promise.allSettled([...this.runningAttempts]);
  }

  private subscriptionOf(claim: ClaimedDelivery): HeldSubscription {
    const { id, accountId, address } = claim.subscription;
    let held = this.subscriptions.get(id);
    if (!held) {
      held = {
        id,
        accountId,
        origin: originOf(address),
        queued: [],
        inFlight: 0,
        ordered: new OrderedAttempts(),
      };
      this.backingOff.remember(id, held.origin);
      this.subscriptions.set(id, held);
      this.order.add(held);
      this.wakeUps.held(held);
    }
    return held;
  }

  private start(held: HeldSubscription, index: number): void {
    const [claim] = held.queued.splice(index, 1) as [ClaimedDelivery];
    const failing = this.backoff.isFailing(held.id, held.origin);
    if (failing && claim.delivery.attempts === 0)
      this.backoff.startedFresh(held.id, held.origin, claim.delivery.id);
    held.inFlight += 1;
    if (claim.delivery.orderingKey != null) held.ordered.started(claim.delivery.id, this.clock.now());
    this.order.inFlight(held, 1);
    addCount(this.inFlightByOrigin, held.origin, 1);
    this.inFlightTotal += 1;
    if (failing) this.inFlightFailing += 1;
    const body = this.bodies.get(claim.event.id);
    const running = this.startAttempt(claim, body).finally(() => {
      this.runningAttempts.delete(running);
      this.finished(held, claim, failing);
    });
    this.runningAttempts.add(running);
  }

  private finished(held: HeldSubscription, claim: ClaimedDelivery, failing: boolean): void {
    const originWasFull = (this.inFlightByOrigin.get(held.origin) ?? 0) >= this.caps.connectionsPerOrigin;
    const failingWasFull = failing && this.inFlightFailing >= this.failingCap;
    this.letGo(claim);
    this.inFlightTotal -= 1;
    if (failing) this.inFlightFailing -= 1;
    held.inFlight -= 1;
    held.ordered.finished(claim.delivery.id);
    this.order.inFlight(held, -1);
    addCount(this.inFlightByOrigin, held.origin, -1);
    this.wakeUps.attemptEnded(held, { originWasFull, failing, failingWasFull });
    if (held.inFlight === 0 && held.queued.length === 0) this.drop(held);
    this.afterAttempt(held.id);
  }

  private drop(held: HeldSubscription): void {
    this.subscriptions.delete(held.id);
    this.order.remove(held);
    this.wakeUps.dropped(held);
  }

  /** The delivery is no longer held here: its lease is no longer kept, its body no longer needed. */
  private letGo(claim: ClaimedDelivery): string {
    this.heldDeliveryIds.delete(claim.delivery.id);
    this.bodies.release(claim.event.id);
    return claim.delivery.id;
  }
}
