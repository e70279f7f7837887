import type { AppContext } from '../context.js';
import type { Subscription, SubscriptionOrdering, SubscriptionStatus } from '../model.js';
import { notFound } from '../not-found.js';
import type { SubscriptionPatch } from '../store/store.js';
import { currentSecret } from './current-secret.js';
import { handshakeOrThrow } from './handshake-or-throw.js';
import { reactivateSubscription } from './reactivate-subscription.js';

const LIVE: SubscriptionStatus[] = ['Active', 'Blacklisted'];

/** What a PUT or renew changes besides the lifetime. */
export interface RenewalChange {
  /** Seconds from now to the new expirationTime; also stored for the next renew. */
  expiresIn: number;
  filters?: { filters: string[]; reminder: { threshold: number; interval: number } | null };
  /** A new address or verification token: needs a handshake first (docs/decisions.md "Handshake"). */
  target?: { address: string; verificationToken: string | null };
  /** A new ordering (docs/ordering.md), or null to turn it off; absent keeps it. */
  ordering?: SubscriptionOrdering | null;
}

/**
 * Renews a live subscription (§3.4, §3.6), applying a PUT's changes. A Blacklisted subscription
 * is re-handshaked first: pass → Active again with a clean failure run; fail → the SUB-52x error
 * and nothing changes (docs/decisions.md "Recovery"). The index follows the stored filters.
 */
export async function applyRenewal(
  ctx: AppContext,
  subscription: Subscription,
  change: RenewalChange,
): Promise<Subscription> {
  const reactivate = subscription.status === 'Blacklisted';
  if (change.target || reactivate) {
    await handshakeOrThrow(ctx, {
      address: change.target?.address ?? subscription.address,
      verificationToken: change.target ? change.target.verificationToken : subscription.verificationToken,
      signingSecret: currentSecret(subscription),
    });
  }

  const now = ctx.clock.now();
  const patch: SubscriptionPatch = {
    updatedAt: now,
    expiresIn: change.expiresIn,
    expiresAt: now + change.expiresIn * 1000,
    // A renewed subscription starts its reminder cycle again (the reminder asks for a renewal).
    lastReminderAt: null,
  };
  if (change.filters) {
    patch.eventFilters = change.filters.filters;
    patch.reminderThreshold = change.filters.reminder?.threshold ?? null;
    patch.reminderInterval = change.filters.reminder?.interval ?? null;
  }
  if (change.ordering !== undefined) patch.ordering = change.ordering;
  if (change.target) {
    patch.address = change.target.address;
    patch.verificationToken = change.target.verificationToken;
  }

  // Only while still live: it may have expired during the handshake (docs/reliability.md).
  if (reactivate) {
    const reactivated = await reactivateSubscription(ctx, subscription.id, patch, LIVE);
    if (!reactivated) throw notFound('subscriptionId');
    return reactivated;
  }
  const updated = await ctx.store.updateSubscription(subscription.id, patch, { onlyIfStatus: LIVE });
  if (!updated) throw notFound('subscriptionId');
  if (updated.status === 'Expired') {
    ctx.index.remove(updated.id);
    throw notFound('subscriptionId');
  }
  ctx.index.add(updated);
  return updated;
}
