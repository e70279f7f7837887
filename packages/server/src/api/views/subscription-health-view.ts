import type { Config } from '../../config.js';
import type { DeliveryState, Subscription } from '../../model.js';
import { effectiveStatus } from '../../subscriptions/effective-status.js';
import { baseUrl } from '../base-url.js';
import { isoTimeOrNull } from '../iso-time.js';
import type { SubscriptionHealth } from '../schemas/subscription-info.js';
import { subscriptionInfoView } from './subscription-info-view.js';

export const V1_SUBSCRIPTIONS_PATH = '/v1/subscriptions';

/** Switchboard's own view of a subscription: the RingCentral shape plus owner and health. */
export function subscriptionHealthView(
  subscription: Subscription,
  deliveries: Record<DeliveryState, number>,
  config: Readonly<Config>,
  now: number,
): SubscriptionHealth {
  const uri = `${baseUrl(config)}${V1_SUBSCRIPTIONS_PATH}/${subscription.id}`;
  return {
    ...subscriptionInfoView(subscription, { now, uri }),
    status: effectiveStatus(subscription, now),
    accountId: subscription.accountId,
    extensionId: subscription.extensionId,
    failingSince: isoTimeOrNull(subscription.failingSince),
    consecutiveFailures: subscription.consecutiveFailures,
    lastSuccessAt: isoTimeOrNull(subscription.lastSuccessAt),
    deliveries: {
      pending: deliveries.pending,
      delivered: deliveries.delivered,
      dead: deliveries.dead,
      expired: deliveries.expired,
    },
  };
}
