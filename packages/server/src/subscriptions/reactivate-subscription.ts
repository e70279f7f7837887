import type { AppContext } from '../context.js';
import type { Subscription, SubscriptionStatus } from '../model.js';
import type { SubscriptionPatch } from '../store/store.js';
import { makeBacklogDue } from './make-backlog-due.js';

/**
 * Makes a Blacklisted subscription Active again once a handshake with it has passed, whoever
 * asked: a renew or PUT, or the blacklist probe (docs/decisions.md "Delivery" → Recovery). The
 * failure run starts clean, and probing is enabled again: even a subscription stopped by a 410
 * may be renewed on purpose. `patch` carries what else the caller changes in the same write (a
 * renewal's new lifetime, filters, address); its `updatedAt` is the moment of reactivation.
 * Then its queued backlog is made due now, `subscription:reactivated` is emitted and the
 * dispatcher woken. Returns the updated subscription, or null when it no longer exists.
 *
 * @example
 * const handshake = await ctx.handshake(target);
 * if (handshake.ok) await reactivateSubscription(ctx, subscription.id, { updatedAt: ctx.clock.now() });
 */
export async function reactivateSubscription(
  ctx: AppContext,
  subscriptionId: string,
  patch: SubscriptionPatch,
  /** Written only while the subscription still has one of these: it may have expired meanwhile. */
  onlyIfStatus: SubscriptionStatus[] = ['Blacklisted'],
): Promise<Subscription | null> {
  const updated = await ctx.store.updateSubscription(
    subscriptionId,
    {
      ...patch,
      status: 'Active',
      blacklistedAt: null,
      blacklistedReason: null,
      failingSince: null,
      consecutiveFailures: 0,
      nextProbeAt: null,
      probeEnabled: true,
    },
    { onlyIfStatus },
  );
  if (updated?.status !== 'Active') return null;
  ctx.index.add(updated);
  // Its queued backlog is sent now, not at the retry times it got while failing.
  await makeBacklogDue(ctx.store, updated.id, patch.updatedAt);
  ctx.events.emit('subscription:reactivated', { subscriptionId: updated.id });
  ctx.wakeDispatcher();
  return updated;
}
