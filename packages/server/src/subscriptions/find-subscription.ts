import type { AppContext } from '../context.js';
import type { Principal, Subscription } from '../model.js';
import { notFound } from '../not-found.js';
import { canSeeSubscription } from './can-see-subscription.js';
import { effectiveStatus } from './effective-status.js';

/**
 * The subscription `id` if the caller may see it, else 404 CMN-102. The RingCentral API passes
 * `includeExpired: false`: there an expired subscription is gone (§3.3); /v1 still shows it.
 */
export async function findSubscription(
  ctx: AppContext,
  principal: Principal,
  id: string,
  options: { includeExpired: boolean },
): Promise<Subscription> {
  const subscription = await ctx.store.getSubscription(id);
  if (!subscription || !canSeeSubscription(principal, subscription)) throw notFound('subscriptionId');
  if (!options.includeExpired && effectiveStatus(subscription, ctx.clock.now()) === 'Expired') {
    throw notFound('subscriptionId');
  }
  return subscription;
}
