import type { Subscription } from '../../model.js';
import { isoTime } from '../iso-time.js';
import type { SubscriptionInfo } from '../schemas/subscription-info.js';

/** What the create response adds to the shape every endpoint returns. */
export interface InfoExtras {
  /** Only on create: the `whsec_` secret is shown once (docs/decisions.md "Delivery"). */
  signingSecret?: string;
  /** Unknown request fields that were ignored. */
  warnings?: string[];
}

export type InfoFields = Omit<SubscriptionInfo, 'status'>;

/**
 * The fields of `SubscriptionInfo` (§2.1) but `status`, which each API words its own way.
 * `expiresIn` is the REMAINING lifetime, floored; `verificationToken` is write-only and never
 * leaves (§2.2).
 */
export function subscriptionInfoView(
  subscription: Subscription,
  at: { now: number; uri: string },
  extras: InfoExtras = {},
): InfoFields {
  const info: InfoFields = {
    uri: at.uri,
    id: subscription.id,
    creationTime: isoTime(subscription.createdAt),
    eventFilters: subscription.eventFilters,
    expirationTime: isoTime(subscription.expiresAt),
    expiresIn: Math.max(0, Math.floor((subscription.expiresAt - at.now) / 1000)),
    deliveryMode: {
      transportType: 'WebHook',
      address: subscription.address,
      encryption: false,
      ...(extras.signingSecret !== undefined ? { signingSecret: extras.signingSecret } : {}),
    },
  };
  if (subscription.status === 'Blacklisted' || subscription.blacklistedAt !== null) {
    info.blacklistedData = {
      blacklistedAt: isoTime(subscription.blacklistedAt ?? subscription.updatedAt),
      reason: subscription.blacklistedReason ?? '',
    };
  }
  if (extras.warnings && extras.warnings.length > 0) info.warnings = extras.warnings;
  // Only a subscription that asked for ordering shows it: a RingCentral client never sees it.
  if (subscription.ordering) info.ordering = { ...subscription.ordering };
  return info;
}
