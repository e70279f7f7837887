import type { ClaimedDelivery } from '../store/store.js';

/** The caps the queue starts attempts under (docs/architecture.md "Guarantees"). */
export interface QueueCaps {
  perSubscriptionConcurrency: number;
  maxInFlight: number;
  claimBatchSize: number;
}

/** Sends one delivery and records its outcome; never rejects. */
export type StartAttempt = (claim: ClaimedDelivery) => Promise<void>;

/**
 * The deliveries this node holds, per subscription: queued, in flight, or reserved by a publish
 * not yet committed. Each subscription holds at most `perSubscriptionBuffer` and the node at most
 * `bufferTotal`, so a slow receiver holds back only its own deliveries.
 *
 * @example
 * const queue = new LocalQueue(config, (claim) => attempt(claim), (id) => afterAttempt(id));
 * queue.enqueue(claims); // starts what the caps allow; the rest waits its turn here
 */
export class LocalQueue {
  /** Deliveries one subscription may hold here. */
  readonly perSubscriptionBuffer: number;
  /** Deliveries the node may hold in all. */
  readonly bufferTotal: number;
  private readonly queuedBySubscription = new Map<string, ClaimedDelivery[]>();
  private readonly inFlightBySubscription = new Map<string, number>();
  private inFlightTotal = 0;
  /** Deliveries reserved by publishes not yet committed, per subscription. */
  private readonly reservedBySubscription = new Map<string, number>();
  private reservedTotal = 0;
  /** Ids of the deliveries this node holds, queued or in flight: their leases are kept alive. */
  private readonly heldDeliveryIds = new Set<string>();
  private readonly runningAttempts = new Set<Promise<void>>();

  constructor(
    private readonly caps: QueueCaps,
    private readonly startAttempt: StartAttempt,
    /** Called after each attempt, once its delivery is no longer held. */
    private readonly afterAttempt: (subscriptionId: string) => void,
  ) {
    this.perSubscriptionBuffer = Math.max(caps.perSubscriptionConcurrency * 16, 2);
    this.bufferTotal = Math.max(caps.maxInFlight * 8, caps.claimBatchSize);
  }

  /** Deliveries of one subscription held here: in flight, queued, or reserved by a publish. */
  holding(subscriptionId: string): number {
    return (
      (this.inFlightBySubscription.get(subscriptionId) ?? 0) +
      (this.queuedBySubscription.get(subscriptionId)?.length ?? 0) +
      (this.reservedBySubscription.get(subscriptionId) ?? 0)
    );
  }

  /** Subscriptions with anything held here. */
  holders(): Set<string> {
    return new Set([
      ...this.inFlightBySubscription.keys(),
      ...this.queuedBySubscription.keys(),
      ...this.reservedBySubscription.keys(),
    ]);
  }

  /** How many more deliveries the node-wide buffer takes. */
  room(): number {
    return this.bufferTotal - this.heldDeliveryIds.size - this.reservedTotal;
  }

  /** True when one more delivery of this subscription would overflow its buffer or the node's. */
  isFull(subscriptionId: string): boolean {
    return (
      this.heldDeliveryIds.size + this.reservedTotal >= this.bufferTotal ||
      this.holding(subscriptionId) >= this.perSubscriptionBuffer
    );
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
    const touched = new Set<string>();
    for (const claim of claims) {
      const id = claim.delivery.id;
      if (this.heldDeliveryIds.has(id)) continue; // already here: its lease had lapsed and this claim renewed it
      this.heldDeliveryIds.add(id);
      const queue = this.queuedBySubscription.get(claim.subscription.id) ?? [];
      queue.push(claim);
      this.queuedBySubscription.set(claim.subscription.id, queue);
      touched.add(claim.subscription.id);
    }
    for (const id of touched) this.startQueued(id);
  }

  /** After an attempt of this subscription: its own queue first, then any the node-wide cap held back. */
  startNext(subscriptionId: string): void {
    if (!this.startQueued(subscriptionId) || this.inFlightTotal >= this.caps.maxInFlight) return;
    for (const id of this.queuedBySubscription.keys()) {
      if (id !== subscriptionId && !this.startQueued(id)) break;
    }
  }

  /** Empties one subscription's queue (not what is in flight); returns the ids taken out. */
  takeQueued(subscriptionId: string): string[] {
    const ids = (this.queuedBySubscription.get(subscriptionId) ?? []).map((claim) => claim.delivery.id);
    this.queuedBySubscription.delete(subscriptionId);
    for (const id of ids) this.heldDeliveryIds.delete(id);
    return ids;
  }

  /** Empties every queue (not what is in flight); returns the ids taken out. */
  takeAllQueued(): string[] {
    const ids = [...this.queuedBySubscription.values()].flat().map((claim) => claim.delivery.id);
    this.queuedBySubscription.clear();
    for (const id of ids) this.heldDeliveryIds.delete(id);
    return ids;
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

  /** Starts queued deliveries of one subscription; false when the node-wide cap stopped it. */
  private startQueued(subscriptionId: string): boolean {
    const { perSubscriptionConcurrency, maxInFlight } = this.caps;
    const queue = this.queuedBySubscription.get(subscriptionId);
    while (queue && queue.length > 0) {
      if (this.inFlightTotal >= maxInFlight) return false;
      if ((this.inFlightBySubscription.get(subscriptionId) ?? 0) >= perSubscriptionConcurrency) break;
      const claim = queue.shift() as ClaimedDelivery;
      this.inFlightBySubscription.set(
        subscriptionId,
        (this.inFlightBySubscription.get(subscriptionId) ?? 0) + 1,
      );
      this.inFlightTotal += 1;
      const running = this.startAttempt(claim).finally(() => {
        this.runningAttempts.delete(running);
        this.finished(subscriptionId, claim.delivery.id);
      });
      this.runningAttempts.add(running);
    }
    if (queue && queue.length === 0) this.queuedBySubscription.delete(subscriptionId);
    return true;
  }

  private finished(subscriptionId: string, deliveryId: string): void {
    this.heldDeliveryIds.delete(deliveryId);
    this.inFlightTotal -= 1;
    const left = (this.inFlightBySubscription.get(subscriptionId) ?? 1) - 1;
    if (left === 0) this.inFlightBySubscription.delete(subscriptionId);
    else this.inFlightBySubscription.set(subscriptionId, left);
    this.afterAttempt(subscriptionId);
  }
}
