import type { SubscriptionOrdering } from '../model.js';
import { accountWidePath } from './account-wide-path.js';
import { compareSpecificity, type RankedMatch } from './compare-specificity.js';
import { filterMatchesEvent, type MatchableEvent } from './filter-matches-event.js';
import { type ParsedFilter, parseFilter } from './parse-filter.js';
import { isReminderFilter } from './reminder-filter.js';

interface Entry {
  subscriptionId: string;
  /** The owner's account: an event reaches only subscriptions of its own account (tenancy). */
  accountId: string | null;
  /** The subscription's expirationTime (epoch ms), or null when unknown: past it, nothing matches. */
  expiresAt: number | null;
  filter: ParsedFilter;
  position: number;
}

interface Candidate extends RankedMatch {
  subscriptionId: string;
  filter: string;
}

/** Who may match: the event's account (null = any) and the time of the event (null = ignore expiry). */
interface Scope {
  account: string | null;
  now: number | null;
}

/** path → subscription id → that subscription's filters at this path (usually one). */
type Buckets = Map<string, Map<string, Entry[]>>;

export interface MatchIndexOptions {
  /** Called once per predicate evaluation: lets tests and metrics see the work a match does. */
  onEvaluate?: (subscriptionId: string, filter: string) => void;
}

/**
 * In-memory index from event paths to the subscriptions whose filters match them.
 *
 * Filters are bucketed by their normalised path, so matching an event looks up at most two
 * buckets (its own path, and the account-level path for resources offered account-wide) and
 * evaluates only the filters in them: the cost does not grow with subscriptions to other paths
 * (docs/decisions.md "Event filters and matching"). Within a bucket, filters that differ only
 * in parameters are each evaluated.
 *
 * @example
 * const index = new MatchIndex();
 * index.add({ id: 's1', eventFilters: ['/restapi/v1.0/account/1/extension/2/presence'] });
 * index.match({ path: '/restapi/v1.0/account/1/extension/2/presence', params: {} });
 * // → [{ subscriptionId: 's1', filter: '/restapi/v1.0/account/1/extension/2/presence' }]
 */
export class MatchIndex {
  readonly #buckets: Buckets = new Map();
  /** subscription id → the bucket keys its filters live in, for `remove`. */
  readonly #paths = new Map<string, Set<string>>();
  readonly #onEvaluate: MatchIndexOptions['onEvaluate'];
  /** subscription id → its ordering (docs/ordering.md), for the subscriptions that opted in. */
  readonly #orderings = new Map<string, SubscriptionOrdering>();

  constructor(options: MatchIndexOptions = {}) {
    this.#onEvaluate = options.onEvaluate;
  }

  /** Subscriptions in the index (also those whose only filter is the reminder). */
  get size(): number {
    return this.#paths.size;
  }

  /**
   * Adds a subscription's stored filters, replacing any earlier version with the same id.
   * Reminder filters are skipped (the scheduler sends reminders), and so are filters that do not
   * parse: stored filters were validated on the way in, and one bad row must not stop startup.
   */
  add(subscription: {
    id: string;
    eventFilters: string[];
    accountId?: string;
    expiresAt?: number;
    ordering?: SubscriptionOrdering | null;
  }): void {
    this.remove(subscription.id);
    if (subscription.ordering) this.#orderings.set(subscription.id, subscription.ordering);
    const paths = new Set<string>();
    for (const [position, text] of subscription.eventFilters.entries()) {
      const filter = parseFilter(text);
      if (!filter || isReminderFilter(filter)) continue;
      const bucket = this.#buckets.get(filter.path) ?? new Map<string, Entry[]>();
      this.#buckets.set(filter.path, bucket);
      const entry = {
        subscriptionId: subscription.id,
        accountId: subscription.accountId ?? null,
        expiresAt: subscription.expiresAt ?? null,
        filter,
        position,
      };
      bucket.set(subscription.id, [...(bucket.get(subscription.id) ?? []), entry]);
      paths.add(filter.path);
    }
    this.#paths.set(subscription.id, paths);
  }

  remove(subscriptionId: string): void {
    this.#orderings.delete(subscriptionId);
    const paths = this.#paths.get(subscriptionId);
    if (!paths) return;
    for (const path of paths) {
      const bucket = this.#buckets.get(path);
      bucket?.delete(subscriptionId);
      if (bucket?.size === 0) this.#buckets.delete(path);
    }
    this.#paths.delete(subscriptionId);
  }

  /** The subscription's ordering when it opted in to ordered delivery, else null. */
  orderingOf(subscriptionId: string): SubscriptionOrdering | null {
    return this.#orderings.get(subscriptionId) ?? null;
  }

  /**
   * The subscriptions an event reaches, once each, with the most specific of their matching
   * filters (compare-specificity.ts). `path` is the concrete path without its query string, as
   * `parseEventPath` returns it; `params` its attributes. With `accountId`, only subscriptions of
   * that account match: paths without an account segment (team messaging, webinar) must not
   * reach other tenants' subscribers (docs/architecture.md "Tenancy"). With `now`, a subscription whose
   * expirationTime is at or before it matches nothing: expiry is exact, whenever the scheduler
   * next runs to mark it Expired.
   */
  match(event: {
    path: string;
    params: Record<string, string>;
    accountId?: string | null;
    now?: number;
  }): Array<{ subscriptionId: string; filter: string }> {
    const target: MatchableEvent = { segments: event.path.split('/').slice(1), params: event.params };
    const best = new Map<string, Candidate>();
    const scope: Scope = { account: event.accountId ?? null, now: event.now ?? null };
    this.#scan(event.path, target, best, scope);
    const wide = accountWidePath(target.segments);
    if (wide?.offered) this.#scan(`/${wide.segments.join('/')}`, target, best, scope);
    return [...best.values()].map(({ subscriptionId, filter }) => ({ subscriptionId, filter }));
  }

  #scan(path: string, event: MatchableEvent, best: Map<string, Candidate>, scope: Scope): void {
    const bucket = this.#buckets.get(path);
    if (!bucket) return;
    for (const entries of bucket.values()) {
      for (const { subscriptionId, accountId, expiresAt, filter, position } of entries) {
        if (scope.account !== null && accountId !== null && accountId !== scope.account) continue;
        if (scope.now !== null && expiresAt !== null && expiresAt <= scope.now) continue;
        this.#onEvaluate?.(subscriptionId, filter.text);
        const result = filterMatchesEvent(filter, event);
        if (!result.matched) continue;
        const candidate = { subscriptionId, filter: filter.text, position, ...result };
        const current = best.get(subscriptionId);
        if (!current || compareSpecificity(candidate, current) < 0) best.set(subscriptionId, candidate);
      }
    }
  }
}
