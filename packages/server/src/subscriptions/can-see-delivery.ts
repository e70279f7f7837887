import type { AppContext } from '../context.js';
import type { Delivery, EventRecord, Principal } from '../model.js';
import { canSeeSubscription } from './can-see-subscription.js';

/**
 * Whether a caller may read (and redeliver) a delivery and its attempt log: a publisher only the
 * deliveries of events it published itself (docs/decisions.md "Identity and tokens";
 * docs/reliability.md, finding 6), everyone else those of the subscriptions it may see.
 */
export async function canSeeDelivery(
  ctx: AppContext,
  principal: Principal,
  delivery: Pick<Delivery, 'eventId' | 'subscriptionId'>,
  event?: EventRecord | null,
): Promise<boolean> {
  if (principal.role === 'admin') return true;
  if (principal.role === 'publisher') {
    const published = event ?? (await ctx.store.getEvent(delivery.eventId));
    return published !== null && publishedBy(published, principal);
  }
  const subscription = await ctx.store.getSubscription(delivery.subscriptionId);
  return subscription !== null && canSeeSubscription(principal, subscription);
}

/** True when `principal`'s token published `event`. */
export function publishedBy(event: EventRecord, principal: Principal): boolean {
  return event.accountId === principal.accountId && (event.publishedBy ?? null) === principal.tokenId;
}
