import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import { makeBacklogDue } from '../subscriptions/make-backlog-due.js';
import type { ClaimPolicy } from './claim-policy.js';
import type { LocalQueue } from './local-queue.js';
import type { ReceiverVerdict } from './receiver-backoff.js';

/**
 * What a backing-off subscription may not keep on this node, or due in the table
 * (docs/reliability.md "Failures are cheap"): its deliveries never attempted beyond what it may
 * send go back to the table, and those waiting there are put off, due when its back-off round
 * ends — once per round, in one statement — so claims do not scan them meanwhile only to give
 * them back. Retries keep their schedule. When the receiver answers again they are made due at
 * once, as the back-off promises ("the first success lets the whole queue go"), instead of
 * waiting for the time they were given.
 *
 * @example
 * backlog.failed(subscriptionId); // after an attempt that got no answer or a "not now"
 * backlog.answered(subscriptionId); // after one that succeeded
 */
export class BackingOffBacklog {
  /** Subscriptions with deliveries given back and put off: made due when they answer again. */
  private readonly putOff = new Set<string>();
  /** Until when each subscription's never-attempted rows in the table were last put off. */
  private readonly tablePutOffUntil = new Map<string, number>();

  constructor(
    private readonly deps: { store: Store; clock: Clock; logger: Logger },
    private readonly queue: LocalQueue,
    private readonly policy: ClaimPolicy,
    private readonly wake: () => void,
  ) {}

  /** After an attempt: no answer or a "not now" backs off, an answer lets what was put off go. */
  attempted(subscriptionId: string, verdict: ReceiverVerdict): void {
    if (verdict === 'unavailable' || verdict === 'unreachable')
      this.failed(subscriptionId, verdict === 'unreachable');
    else if (verdict === 'up') this.answered(subscriptionId);
  }

  /**
   * The subscription is (or may be) backing off: what it holds beyond its hold goes back, what
   * waits is put off. `wholeOrigin` (no answer: its origin backs off too): the same for every
   * subscription held at its origin, which may start nothing new either; kept, a thousand of them
   * held a full node's buffer and every other subscription stalled (docs/reliability.md).
   */
  failed(subscriptionId: string, wholeOrigin = false): void {
    if (wholeOrigin) {
      const origin = this.queue.backingOff.failingOrigin(subscriptionId);
      for (const id of origin === null ? [] : this.queue.heldAt(origin))
        if (id !== subscriptionId) this.failedOne(id);
    }
    this.failedOne(subscriptionId);
  }

  private failedOne(subscriptionId: string): void {
    const now = this.deps.clock.now();
    const { ids, notBefore } = this.queue.takeExcess(subscriptionId, now);
    if (ids.length > 0) {
      this.putOff.add(subscriptionId);
      this.policy.declined(subscriptionId);
      void this.deps.store
        .releaseClaims(ids, notBefore)
        .catch((err) =>
          this.deps.logger.warn({ err }, 'giving back deliveries failed; their leases run out'),
        );
    }
    this.putOffTable(subscriptionId, now);
  }

  /** For a publish: when a new delivery this node declines should be due (0: at once). */
  putOffUntil(subscriptionId: string): number {
    const until = this.queue.backingOff.putOffUntil(subscriptionId, this.deps.clock.now());
    if (until > 0) this.putOff.add(subscriptionId);
    return until;
  }

  /** The subscription's receiver answered: what was put off is due now. */
  answered(subscriptionId: string): void {
    this.tablePutOffUntil.delete(subscriptionId);
    if (!this.putOff.delete(subscriptionId)) return;
    const { store, clock, logger } = this.deps;
    void makeBacklogDue(store, subscriptionId, clock.now())
      .then(() => this.wake())
      .catch((err) =>
        logger.warn({ err, subscriptionId }, 'making a backlog due failed; it waits for its time'),
      );
  }

  /** The subscription was blacklisted: its reactivation makes its backlog due. */
  forget(subscriptionId: string): void {
    this.putOff.delete(subscriptionId);
    this.tablePutOffUntil.delete(subscriptionId);
  }

  /** Once per back-off round: the subscription's never-attempted rows in the table wait for its end. */
  private putOffTable(subscriptionId: string, now: number): void {
    if ((this.tablePutOffUntil.get(subscriptionId) ?? 0) > now) return;
    const until = this.queue.backingOff.putOffUntil(subscriptionId, now);
    if (until <= now) return;
    this.tablePutOffUntil.set(subscriptionId, until);
    this.putOff.add(subscriptionId);
    void this.deps.store
      .putOffNeverAttempted(subscriptionId, until, now)
      .catch((err) =>
        this.deps.logger.warn({ err, subscriptionId }, 'putting a backlog off failed; claims give it back'),
      );
  }
}
