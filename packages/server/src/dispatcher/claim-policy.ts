import type { ClaimedDelivery, ClaimOptions } from '../store/store.js';
import type { LocalQueue } from './local-queue.js';

/**
 * When a claim is worth running, and what it asks for. A claim with nothing to find still scans
 * the due index, and claiming after every finished request was half the server's CPU: so claims
 * run after a poll interval, a wake-up (deliveries queued or requeued elsewhere) or a publish this
 * node could not take whole, and when a subscription whose rows the last claim left behind runs low.
 *
 * @example
 * const options = policy.nextClaim(clock.now(), config.leaseMs);
 * if (options) policy.claimed(await store.claimDue(options), options);
 */
export class ClaimPolicy {
  /** A subscription holding this many has enough: a claim leaves it out and takes at most this many. */
  private readonly share: number;
  /** A subscription down to this many claims again, if the table may hold more of it. */
  private readonly lowWater: number;
  /** The least room worth a claim. */
  private readonly minClaim: number;
  /** The table may hold due deliveries of any subscription: claim even if all held ones have enough. */
  private tableMayHaveDue = true;
  /** The last claim came back full: the next subscription to run low claims again. */
  private lastClaimCameBackFull = false;
  /** A claim was wanted while the node-wide buffer was full: claim once a batch of room is free. */
  private claimWaitsForRoom = false;
  /** Subscriptions the last claims left rows of (a full share, or excluded as saturated). */
  private readonly subscriptionsWithMoreDue = new Set<string>();
  /**
   * Subscriptions a publish left deliveries of in the table, until a claim has taken them: their
   * new deliveries wait in the table behind them, so nothing newer overtakes what waits there.
   */
  private readonly leftInTable = new Set<string>();

  constructor(
    private readonly queue: LocalQueue,
    private readonly claimBatchSize: number,
  ) {
    this.share = Math.floor(queue.perSubscriptionBuffer / 2);
    this.lowWater = Math.floor(queue.perSubscriptionBuffer / 4);
    this.minClaim = Math.min(claimBatchSize, queue.bufferTotal / 4);
  }

  /** A poll interval passed or deliveries were queued elsewhere: any subscription may have due rows. */
  tableChanged(): void {
    this.tableMayHaveDue = true;
  }

  /** True when the last claim filled its limit and the buffer has room: claim again without waiting. */
  claimAgainNow(): boolean {
    return this.lastClaimCameBackFull && this.queue.room() > 0;
  }

  /** The next claim's options, or null when it could find nothing worth its scan. */
  nextClaim(now: number, leaseMs: number): ClaimOptions | null {
    const limit = this.claimLimit();
    this.claimWaitsForRoom = limit < this.minClaim;
    const maxBytes = this.queue.byteRoom();
    this.claimWaitsForRoom = this.claimWaitsForRoom || maxBytes <= 0;
    if (this.claimWaitsForRoom) return null;
    // A subscription holding half its buffer has enough: its rows stay for the next claim.
    const holders = this.queue.holders();
    const excluded: string[] = [];
    const withRoom: string[] = [];
    for (const id of holders) (this.queue.holding(id) >= this.share ? excluded : withRoom).push(id);
    // Every subscription it could find was just left out, or waits out a back-off with its rows
    // in the table put off: a scan would read the whole backlog to come back empty (beside ten
    // refusing receivers, a fifth of all claims did). Only a poll or a wake-up (work of
    // subscriptions not held here, a retry come due) makes it worth it.
    if (!this.tableMayHaveDue && excluded.length > 0 && !this.mayFindAny(holders, withRoom, now)) return null;
    this.tableMayHaveDue = false;
    this.subscriptionsWithMoreDue.clear();
    return { now, limit, leaseMs, perSubscription: this.share, excludeSubscriptionIds: excluded, maxBytes };
  }

  /**
   * Notes what a claim may have left behind: everything if it came back full, else the rows of
   * subscriptions that got a full share or were left out.
   */
  claimed(claims: ClaimedDelivery[], options: ClaimOptions): void {
    const perSubscription = new Map<string, number>();
    for (const claim of claims) {
      const id = claim.subscription.id;
      perSubscription.set(id, (perSubscription.get(id) ?? 0) + 1);
    }
    this.lastClaimCameBackFull = claims.length >= options.limit;
    for (const [id, count] of perSubscription) if (count >= this.share) this.subscriptionsWithMoreDue.add(id);
    for (const id of options.excludeSubscriptionIds) this.subscriptionsWithMoreDue.add(id);
    // A claim that stopped at its limit may have left anyone's rows; otherwise a subscription it
    // took part in and did not fill its share of has nothing older waiting.
    if (this.lastClaimCameBackFull) return;
    for (const id of this.leftInTable)
      if (!this.subscriptionsWithMoreDue.has(id)) this.leftInTable.delete(id);
  }

  /**
   * True while older deliveries of this subscription wait in the table for a claim: a publish
   * leaves its new ones there too, behind them (first in, first out).
   */
  waitsInTable(subscriptionId: string): boolean {
    return this.leftInTable.has(subscriptionId);
  }

  /**
   * A publish left this subscription's deliveries in the table: claim them when it runs low.
   * True when it already is (the node-wide buffer was what was full): claim now.
   */
  declined(subscriptionId: string): boolean {
    this.subscriptionsWithMoreDue.add(subscriptionId);
    this.leftInTable.add(subscriptionId);
    return this.queue.holding(subscriptionId) < this.share;
  }

  /**
   * After an attempt of this subscription: claim again when it runs low and the table may hold
   * more of it (one claim per buffer-full, not one per finished request), or when the claim that
   * waited for room now has it.
   */
  claimAfterAttempt(subscriptionId: string): boolean {
    const low = this.queue.holding(subscriptionId) <= this.lowWater;
    const mayHaveMore =
      this.tableMayHaveDue || this.lastClaimCameBackFull || this.subscriptionsWithMoreDue.has(subscriptionId);
    if (low && mayHaveMore) return true;
    return this.claimWaitsForRoom && this.claimLimit() >= this.minClaim && this.queue.byteRoom() > 0;
  }

  /** The subscription was blacklisted: its rows wait in the table for its return, not for a claim. */
  forget(subscriptionId: string): void {
    this.subscriptionsWithMoreDue.delete(subscriptionId);
    this.leftInTable.delete(subscriptionId);
  }

  /**
   * Could a claim now take anything: a subscription held here below its share (`withRoom`) and free to start,
   * or one not held here whose rows a publish or an earlier claim left in the table (it drained
   * what it held and waits for a claim), unless it waits out a back-off.
   */
  private mayFindAny(holders: ReadonlySet<string>, withRoom: string[], now: number): boolean {
    const { backingOff } = this.queue;
    for (const id of withRoom) if (!backingOff.waitsOutBackoff(id, now)) return true;
    for (const ids of [this.leftInTable, this.subscriptionsWithMoreDue])
      for (const id of ids) if (!holders.has(id) && !backingOff.waitsOutBackoff(id, now)) return true;
    return false;
  }

  private claimLimit(): number {
    return Math.min(this.queue.room(), this.claimBatchSize);
  }
}
