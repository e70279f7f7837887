import type { Subscription, SubscriptionStatus } from '../model.js';

/**
 * A subscription past its `expirationTime` is expired even before the scheduler marks it so: at
 * that instant it "disappears from the RingCentral API" (docs/decisions.md "Subscriptions").
 */
export function effectiveStatus(subscription: Subscription, now: number): SubscriptionStatus {
  return subscription.status !== 'Expired' && subscription.expiresAt <= now ? 'Expired' : subscription.status;
}
