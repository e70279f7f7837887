import type { Config } from '../../config.js';
import type { Subscription } from '../../model.js';
import { baseUrl } from '../base-url.js';
import type { SubscriptionInfo } from '../schemas/subscription-info.js';
import { type InfoExtras, subscriptionInfoView } from './subscription-info-view.js';

export const RINGCENTRAL_SUBSCRIPTION_PATH = '/restapi/v1.0/subscription';

/**
 * A live subscription as the RingCentral API shows it (§2.1). Callers only pass live ones
 * (Active or Blacklisted): expired subscriptions answer 404 there.
 */
export function ringcentralSubscriptionView(
  subscription: Subscription,
  config: Readonly<Config>,
  now: number,
  extras: InfoExtras = {},
): SubscriptionInfo {
  const uri = `${baseUrl(config)}${RINGCENTRAL_SUBSCRIPTION_PATH}/${subscription.id}`;
  const status = subscription.status === 'Blacklisted' ? 'Blacklisted' : 'Active';
  return { ...subscriptionInfoView(subscription, { now, uri }, extras), status };
}
