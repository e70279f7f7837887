import type { Principal, Subscription } from '../model.js';

/**
 * Tenancy (docs/architecture.md "Guarantees"): a user sees its own extension's subscriptions, an account
 * admin its account's, the server admin all of them. A publisher sees none: it reads only the
 * deliveries of the events it published (can-see-delivery.ts), never subscriptions.
 */
export function canSeeSubscription(
  principal: Principal,
  subscription: Pick<Subscription, 'accountId' | 'extensionId'>,
): boolean {
  if (principal.role === 'admin') return true;
  if (subscription.accountId !== principal.accountId) return false;
  if (principal.role === 'account-admin') return true;
  return principal.role === 'user' && subscription.extensionId === principal.extensionId;
}
