import type {
  Attempt,
  Delivery,
  DeliveryState,
  EventRecord,
  Subscription,
  SubscriptionStatus,
  Token,
} from '../model.js';
import type { DeliverySearch, EventSearch, QueueSummary } from './delivery-search.js';
import type { DirectoryStore } from './directory-store.js';
import type { OAuthStore } from './oauth-store.js';

/**
 * What a backend can do natively, so callers never ask "is this Postgres?".
 * `notify`: tells every node sharing the database about changes (`watch`); the change follower
 * (filters/follow-store-changes.ts) reads it to decide whether to follow at all.
 */
export interface StoreCapabilities {
  notify: boolean;
}

/**
 * What a store that notifies (`capabilities.notify`) reports about writes made by ANY node sharing
 * its database, so each node's in-memory state (the filter index, an idle dispatcher) follows.
 */
export interface StoreChangeListener {
  /** Deliveries were queued or queued again: claim now rather than at the next poll. */
  deliveriesQueued(): void;
  /** A subscription was created, updated, expired or deleted: reload it. */
  subscriptionChanged(id: string): void;
  /** Changes may have been missed (the notification channel was lost and is back): reload everything. */
  resync(): void;
}

/** One event to commit with the deliveries it fans out to. */
export interface PublishItem {
  event: EventRecord;
  deliveries: Delivery[];
}

export interface PublishResult {
  event: EventRecord;
  /** False when the publisher's id was seen before: the first answer stands, nothing new was written. */
  created: boolean;
  /** The deliveries of this event leased to the publishing node through `PublishLease.take`. */
  claimed: ClaimedDelivery[];
}

/**
 * Hands freshly committed deliveries straight to this node's dispatcher (docs/performance.md): deliveries it
 * takes are inserted already leased and returned with what the sender needs, so they are never
 * claimed back from the table. Those it declines are inserted unleased, for any node's claim.
 */
export interface PublishLease {
  /** Lease end stamped on the deliveries taken. */
  until: number;
  /** Asked once per new delivery of an Active subscription, in order: does this node take it now? */
  take(subscriptionId: string): boolean;
  /**
   * For a delivery this node did not take: due no earlier than this (a receiver backing off, whose
   * new deliveries would otherwise be due at once and scanned by every claim). 0: due as given.
   */
  notBefore?(subscriptionId: string): number;
}

/**
 * A delivery claimed for sending, with what the sender needs and nothing more. Deliveries of one
 * event claimed together share one `bodyJson` string: one copy however many there are.
 */
export interface ClaimedDelivery {
  delivery: Delivery;
  event: Pick<EventRecord, 'id' | 'bodyJson' | 'createdAt'>;
  subscription: Pick<
    Subscription,
    'id' | 'accountId' | 'extensionId' | 'address' | 'verificationToken' | 'signingSecrets'
  >;
}

export interface ClaimOptions {
  now: number;
  limit: number;
  leaseMs: number;
  /** At most this many deliveries of one subscription per claim. */
  perSubscription: number;
  /** Subscriptions already at their concurrency cap on this node. */
  excludeSubscriptionIds: string[];
  /**
   * Bytes of event bodies the claim may bring in, each distinct body counted once; the delivery
   * whose body crosses it is the last one taken. Absent: no limit.
   */
  maxBytes?: number;
}

/** How a finished attempt leaves its delivery. */
export type DeliveryNext =
  | { state: 'delivered' }
  | { state: 'pending'; nextAttemptAt: number }
  | { state: 'dead' };

export interface AttemptResult {
  attempt: Attempt;
  next: DeliveryNext;
  subscriptionId: string;
  /** success resets the subscription's failure run; failure extends it; gone (410) too. */
  outcome: 'success' | 'failure';
}

/** A subscription's failure run after a batch of attempts was recorded. */
export interface SubscriptionHealth {
  subscriptionId: string;
  status: SubscriptionStatus;
  failingSince: number | null;
  consecutiveFailures: number;
}

export interface SubscriptionQuery {
  accountId?: string;
  extensionId?: string;
  statuses?: SubscriptionStatus[];
}

export interface DeliveryQuery {
  subscriptionId?: string;
  eventId?: string;
  states?: DeliveryState[];
  limit: number;
  /** Return deliveries created before this one (newest first paging). */
  beforeId?: string;
}

export type SubscriptionPatch = Partial<
  Pick<
    Subscription,
    | 'eventFilters'
    | 'address'
    | 'verificationToken'
    | 'signingSecrets'
    | 'status'
    | 'expiresAt'
    | 'expiresIn'
    | 'blacklistedAt'
    | 'blacklistedReason'
    | 'probeEnabled'
    | 'nextProbeAt'
    | 'failingSince'
    | 'consecutiveFailures'
    | 'reminderThreshold'
    | 'reminderInterval'
    | 'lastReminderAt'
    | 'ordering'
  >
> & { updatedAt: number };

/**
 * Everything the server keeps, in domain verbs. The SQLite and Postgres backends implement it
 * file for file and pass one contract suite (test/store/store-contract.ts).
 */
export interface Store extends OAuthStore, DirectoryStore {
  readonly capabilities: StoreCapabilities;
  /** Applies the numbered migrations not yet applied. Safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Present when `capabilities.notify`: follows changes made by every node on this database until
   * the returned function is called. Resolves once listening; reconnects by itself (then calls
   * `resync`). A single-node store has nothing to follow and leaves it out.
   */
  watch?(listener: StoreChangeListener): Promise<() => Promise<void>>;

  createToken(token: Token): Promise<void>;
  findTokenByHash(hash: string): Promise<Token | null>;
  listTokens(query: { accountId?: string }): Promise<Token[]>;
  /** True when a live token was revoked. */
  revokeToken(id: string, at: number): Promise<boolean>;
  countTokens(): Promise<number>;

  /**
   * Inserts a subscription. With `limit`, the extension's live subscriptions are counted in the
   * insert's transaction (serialised per extension), and nothing is inserted when `maxLive` are
   * already there: concurrent creates cannot pass the SUB-505 limit. True when inserted.
   */
  createSubscription(subscription: Subscription, limit?: { maxLive: number }): Promise<boolean>;
  getSubscription(id: string): Promise<Subscription | null>;
  listSubscriptions(query: SubscriptionQuery): Promise<Subscription[]>;
  /** Active and Blacklisted subscriptions of one extension: what the SUB-505 limit counts. */
  countLiveSubscriptions(accountId: string, extensionId: string): Promise<number>;
  /**
   * Null when no such subscription. With `onlyIfStatus`, the patch is applied only while the
   * stored status is one of them (checked under the row's lock); otherwise the stored record comes
   * back unchanged, so a renewal cannot bring back a subscription expired meanwhile.
   */
  updateSubscription(
    id: string,
    patch: SubscriptionPatch,
    condition?: { onlyIfStatus: SubscriptionStatus[] },
  ): Promise<Subscription | null>;
  /** Removes the subscription with its deliveries and attempts. True when it existed. */
  deleteSubscription(id: string): Promise<boolean>;

  /**
   * Commits events and their deliveries in ONE transaction; idempotent on publisherId per account.
   * With `lease`, the deliveries it takes are committed leased and come back in `claimed`; an
   * ordered delivery (`orderingKey`) is offered to it only when nothing of its key is still open
   * (docs/ordering.md).
   */
  publish(items: PublishItem[], lease?: PublishLease): Promise<PublishResult[]>;
  getEvent(id: string): Promise<EventRecord | null>;

  /**
   * Leases due deliveries of Active subscriptions; a lease that runs out frees them for anyone.
   * Of an ordered subscription's deliveries only the head of each key, and only while nothing of
   * that key is leased, so one delivery per key is in flight, on every node (docs/ordering.md).
   */
  claimDue(options: ClaimOptions): Promise<ClaimedDelivery[]>;
  /**
   * Gives leased deliveries back (graceful shutdown, a blacklisting). With `notBefore`, none of
   * them is due before it (a receiver backing off): claims do not scan them again until then.
   */
  releaseClaims(deliveryIds: string[], notBefore?: number): Promise<void>;
  /**
   * A receiver backs off: its subscription's pending deliveries never attempted and not leased,
   * due before `until`, are due at `until` instead, so claims do not scan them meanwhile. Retries
   * (attempted at least once) keep their schedule. Returns how many were put off.
   */
  putOffNeverAttempted(subscriptionId: string, until: number, now: number): Promise<number>;
  /** At start-up: every pending delivery never attempted and due after `now` (put off) is due at `now`. */
  makePutOffDue(now: number): Promise<number>;
  /** Moves the lease of pending deliveries this node still holds (queued or in flight) to `until`. */
  extendLeases(deliveryIds: string[], until: number): Promise<void>;
  /**
   * Records attempts, moves their deliveries on and updates subscription health, in one transaction.
   * While a subscription stays healthy a store may refresh its lastSuccessAt at most once a second
   * (PostgreSQL does, to keep nodes from queueing on the same row).
   */
  recordAttempts(results: AttemptResult[]): Promise<SubscriptionHealth[]>;
  /** The earliest nextAttemptAt among pending deliveries of Active subscriptions, or null. */
  nextDueAt(): Promise<number | null>;

  getDelivery(id: string): Promise<Delivery | null>;
  listDeliveries(query: DeliveryQuery): Promise<Delivery[]>;
  listAttempts(deliveryId: string): Promise<Attempt[]>;
  /** Queues a delivery again now (same uuid); null when it does not exist. */
  redeliver(id: string, now: number): Promise<Delivery | null>;
  /** Queues again every dead or expired delivery of a subscription created at or after `since`. */
  recoverDeliveries(subscriptionId: string, since: number, now: number): Promise<number>;
  /** Counts deliveries by state, for one subscription or all. */
  countDeliveries(subscriptionId?: string): Promise<Record<DeliveryState, number>>;
  /** Deliveries across subscriptions, newest first, within the search's scope (delivery-search.ts). */
  searchDeliveries(query: DeliverySearch): Promise<Delivery[]>;
  /** Events, newest first, within the search's scope. */
  searchEvents(query: EventSearch): Promise<EventRecord[]>;
  /** Queues again up to `query.limit` matching dead or expired deliveries; returns how many. */
  redeliverMatching(query: DeliverySearch, now: number): Promise<number>;
  /** Counts for the metrics' gauges, read on each scrape. */
  queueSummary(now: number): Promise<QueueSummary>;

  /** Active or Blacklisted subscriptions whose expiresAt has passed become Expired; returns them. */
  expireSubscriptions(now: number): Promise<Subscription[]>;
  /** Deletes Expired subscriptions that expired before `before`. */
  purgeExpiredSubscriptions(before: number): Promise<number>;
  /**
   * Claims the subscriptions due a renewal reminder at `now` (stamping lastReminderAt), so two
   * nodes never send the same reminder.
   */
  claimReminders(now: number): Promise<Subscription[]>;
  /** Claims blacklisted subscriptions due a probe, moving their nextProbeAt to `nextProbeAt`. */
  claimProbes(now: number, nextProbeAt: number): Promise<Subscription[]>;
  /** Pending deliveries created before `before` become expired. */
  expireBacklog(before: number, now: number): Promise<number>;
  /** Deletes delivered deliveries (and then-empty events) last updated before `before`. */
  pruneDelivered(before: number): Promise<number>;
}
