import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import { makeBacklogDue } from '../subscriptions/make-backlog-due.js';
import type { ClaimPolicy } from './claim-policy.js';
import type { LocalQueue } from './local-queue.js';

/**
 * What a backing-off subscription may not keep on this node (docs/reliability.md "Fair
 * delivery"): its deliveries never attempted beyond what it may send go back to the table, due
 * no earlier than its back-off round ends, so claims do not scan them meanwhile. When the
 * receiver answers again they are made due at once, as the back-off promises ("the first success
 * lets the whole queue go"), instead of waiting for the time they were given.
 *
 * @example
 * backlog.failed(subscriptionId); // after an attempt that got no answer or a "not now"
 * backlog.answered(subscriptionId); // after one that succeeded
 */
export class BackingOffBacklog {
  /** Subscriptions with deliveries given back and put off: made due when they answer again. */
  private readonly putOff = new Set<string>();

  constructor(
    private readonly deps: { store: Store; clock: Clock; logger: Logger },
    private readonly queue: LocalQueue,
    private readonly policy: ClaimPolicy,
    private readonly wake: () => void,
  ) {}

  /** The subscription is (or may be) backing off: what it holds beyond its hold goes back. */
  failed(subscriptionId: string): void {
    const { ids, notBefore } = this.queue.takeExcess(subscriptionId, this.deps.clock.now());
    if (ids.length === 0) return;
    this.putOff.add(subscriptionId);
    this.policy.declined(subscriptionId);
    void this.deps.store
      .releaseClaims(ids, notBefore)
      .catch((err) => this.deps.logger.warn({ err }, 'giving back deliveries failed; their leases run out'));
  }

  /** The subscription's receiver answered: what was put off is due now. */
  answered(subscriptionId: string): void {
    if (!this.putOff.delete(subscriptionId)) return;
    const { store, clock, logger } = this.deps;
    void makeBacklogDue(store, subscriptionId, clock.now())
      .then(() => this.wake())
      .catch((err) =>
        logger.warn({ err, subscriptionId }, 'making a backlog due failed; it waits for its time'),
      );
  }
}
