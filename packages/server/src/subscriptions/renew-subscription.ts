import type { AppContext } from '../context.js';
import type { Principal, Subscription } from '../model.js';
import { applyRenewal } from './apply-renewal.js';
import { findSubscription } from './find-subscription.js';

/**
 * `POST /restapi/v1.0/subscription/{id}/renew` (§3.6): the caller's live subscription gets its
 * stored `expiresIn` again from now; a Blacklisted one is re-handshaked and reactivated first.
 * Unknown, foreign and expired ids are 404 CMN-102.
 */
export async function renewSubscription(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Subscription> {
  const subscription = await findSubscription(ctx, principal, id, { includeExpired: false });
  return applyRenewal(ctx, subscription, { expiresIn: subscription.expiresIn });
}
