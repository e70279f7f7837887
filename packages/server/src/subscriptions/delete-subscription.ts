import type { AppContext } from '../context.js';
import type { Principal } from '../model.js';
import { findSubscription } from './find-subscription.js';

/**
 * `DELETE /restapi/v1.0/subscription/{id}` (§3.5): the caller's live subscription is removed from
 * the store and stops matching at once. Unknown, foreign and expired ids are 404 CMN-102.
 */
export async function deleteSubscription(ctx: AppContext, principal: Principal, id: string): Promise<void> {
  const subscription = await findSubscription(ctx, principal, id, { includeExpired: false });
  await ctx.store.deleteSubscription(subscription.id);
  ctx.index.remove(subscription.id);
}
