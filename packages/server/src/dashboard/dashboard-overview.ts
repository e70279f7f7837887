import { scopeOf } from '../api/search/search-of-request.js';
import type { AppContext } from '../context.js';
import type { DeliveryState, Principal, Subscription, SubscriptionStatus } from '../model.js';
import { effectiveStatus } from '../subscriptions/effective-status.js';
import type { DeliveryRate, RateBucket } from './delivery-rate.js';

/** How many subscriptions the overview lists as failing most. */
const FAILING_SHOWN = 5;
/** For a user, retrying and the oldest due are read from at most this many pending deliveries. */
const PENDING_SCANNED = 1000;

export interface FailingSubscription {
  id: string;
  address: string;
  status: SubscriptionStatus;
  consecutiveFailures: number;
  failingSince: string | null;
  dead: number;
}

/** `GET /dashboard/api/overview`: the numbers of the overview page, within the caller's tenancy. */
export interface Overview {
  deliveries: Record<DeliveryState, number>;
  retrying: number;
  /** When the longest-waiting due delivery became due, or null when none is waiting. */
  oldestDueAt: string | null;
  subscriptions: Record<SubscriptionStatus, number>;
  failingMost: FailingSubscription[];
  /** One-minute buckets over the last hour, oldest first. */
  rate: RateBucket[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The overview: queue counts, subscriptions by status, the ones failing most, and the attempt
 * rate. The admin's queue figures come from the store's one summary query; anyone else's are
 * summed over their own subscriptions.
 */
export async function dashboardOverview(
  ctx: AppContext,
  rate: DeliveryRate,
  principal: Principal,
): Promise<Overview> {
  const now = ctx.clock.now();
  const scope = scopeOf(principal);
  const subscriptions = await ctx.store.listSubscriptions(scope);
  const counts = new Map<string, Record<DeliveryState, number>>();
  for (const s of subscriptions) counts.set(s.id, await ctx.store.countDeliveries(s.id));
  const byStatus: Record<SubscriptionStatus, number> = { Active: 0, Blacklisted: 0, Expired: 0 };
  for (const s of subscriptions) byStatus[effectiveStatus(s, now)] += 1;
  const queue =
    principal.role === 'admin' ? await adminQueue(ctx, now) : await ownQueue(ctx, scope, counts, now);
  const visible = principal.role === 'admin' ? () => true : (id: string) => counts.has(id);
  return {
    ...queue,
    subscriptions: byStatus,
    failingMost: failingMost(subscriptions, counts, now),
    rate: rate.lastHour(now, visible),
  };
}

async function adminQueue(ctx: AppContext, now: number) {
  const summary = await ctx.store.queueSummary(now);
  return {
    deliveries: summary.deliveries,
    retrying: summary.retrying,
    oldestDueAt: iso(summary.oldestDueAt),
  };
}

async function ownQueue(
  ctx: AppContext,
  scope: { accountId?: string; extensionId?: string },
  counts: Map<string, Record<DeliveryState, number>>,
  now: number,
) {
  const deliveries: Record<DeliveryState, number> = { pending: 0, delivered: 0, dead: 0, expired: 0 };
  for (const c of counts.values())
    for (const state of Object.keys(deliveries) as DeliveryState[]) deliveries[state] += c[state];
  const pending = await ctx.store.searchDeliveries({ scope, states: ['pending'], limit: PENDING_SCANNED });
  const due = pending.filter((d) => d.nextAttemptAt <= now).map((d) => d.nextAttemptAt);
  return {
    deliveries,
    retrying: pending.filter((d) => d.attempts > 0).length,
    oldestDueAt: iso(due.length > 0 ? Math.min(...due) : null),
  };
}

function failingMost(
  subscriptions: Subscription[],
  counts: Map<string, Record<DeliveryState, number>>,
  now: number,
): FailingSubscription[] {
  return subscriptions
    .map((s) => ({
      id: s.id,
      address: s.address,
      status: effectiveStatus(s, now),
      consecutiveFailures: s.consecutiveFailures,
      failingSince: iso(s.failingSince),
      dead: counts.get(s.id)?.dead ?? 0,
    }))
    .filter((s) => s.consecutiveFailures > 0 || s.dead > 0)
    .sort((a, b) => b.consecutiveFailures - a.consecutiveFailures || b.dead - a.dead)
    .slice(0, FAILING_SHOWN);
}
