import type { Subscription, SubscriptionOrdering } from '../model.js';

/** What a new subscription is made of; everything else starts from the defaults below. */
export interface NewSubscriptionFields {
  id: string;
  accountId: string;
  extensionId: string;
  /** As they will be stored: `~` expanded, validated. */
  eventFilters: string[];
  address: string;
  verificationToken: string | null;
  /** The first signing secret, current until rotated. */
  signingSecret: string;
  /** Seconds from `now` to its expirationTime; kept for the next renew. */
  expiresIn: number;
  reminder: { threshold: number; interval: number } | null;
  /** Ordered delivery per key, when asked for (docs/ordering.md); absent: unordered. */
  ordering?: SubscriptionOrdering | null;
}

/**
 * A fresh subscription created at `now`: Active, healthy (no failure run, never blacklisted,
 * probed if it ever is), with no reminder sent yet. The one place a whole `Subscription` is
 * spelled out, so a new field gets its starting value here and nowhere else.
 *
 * @example
 * await store.createSubscription(newSubscription({ id, ...owner, eventFilters, address,
 *   verificationToken: null, signingSecret, expiresIn: 604_800, reminder: null }, clock.now()));
 */
export function newSubscription(fields: NewSubscriptionFields, now: number): Subscription {
  const { signingSecret, reminder, ...rest } = fields;
  return {
    ...rest,
    signingSecrets: [{ secret: signingSecret, expiresAt: null }],
    status: 'Active',
    createdAt: now,
    expiresAt: now + fields.expiresIn * 1000,
    blacklistedAt: null,
    blacklistedReason: null,
    probeEnabled: true,
    nextProbeAt: null,
    failingSince: null,
    consecutiveFailures: 0,
    lastSuccessAt: null,
    reminderThreshold: reminder?.threshold ?? null,
    reminderInterval: reminder?.interval ?? null,
    lastReminderAt: null,
    updatedAt: now,
  };
}
