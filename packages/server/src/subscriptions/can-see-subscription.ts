import type { Principal, Subscription } from '../model.js';

/**
 * Tenancy (docs/architecture.md "Guarantees"): a user sees its own extension's subscriptions, the admin all
 * of them. A publisher sees its account's, but only through the events and deliveries it caused
 * (it cannot manage subscriptions: `allow` keeps it out of those routes).
 */
export function canSeeSubscription(
  principal: Principal,
  subscription: Pick<Subscription, 'accountId' | 'extensionId'>,
): boolean {
  if (principal.role === 'admin') return true;
  if (subscription.accountId !== principal.accountId) return false;
  return principal.role === 'publisher' || subscription.extensionId === principal.extensionId;
}
