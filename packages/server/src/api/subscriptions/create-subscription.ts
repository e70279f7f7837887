import { generateSecret } from '@switchboard/receiver';
import type { AppContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { validateFilters } from '../../filters/validate-filters.js';
import type { Principal, Subscription } from '../../model.js';
import type { CreateSubscriptionBody } from '../schemas/subscription-request.js';
import { checkAddress } from './check-address.js';
import { handshakeOrThrow } from './handshake-or-throw.js';

/**
 * Creates a subscription for the caller's own extension in the order of §3.1 and DESIGN.md:
 * validate → expand/validate filters → limit → handshake → persist → index. Nothing is stored
 * unless the handshake passed. Returns the new subscription and its signing secret, which the
 * create response shows once.
 */
export async function createSubscription(
  ctx: AppContext,
  principal: Principal,
  body: CreateSubscriptionBody,
): Promise<{ subscription: Subscription; signingSecret: string }> {
  const { config, store } = ctx;
  const owner = { accountId: principal.accountId, extensionId: principal.extensionId };
  const expiresIn = body.expiresIn ?? config.defaultExpiresInSeconds;
  const address = body.deliveryMode.address;
  checkAddress(address, config);
  const { filters, reminder } = validateFilters(body.eventFilters, owner, {
    ttlSeconds: expiresIn,
    maxFilters: config.maxFiltersPerSubscription,
    eventNamespaces: config.eventNamespaces,
  });
  const live = await store.countLiveSubscriptions(owner.accountId, owner.extensionId);
  if (live >= config.maxSubscriptionsPerExtension) {
    throw new ApiError(
      'SUB-505',
      {},
      { detail: `at most ${config.maxSubscriptionsPerExtension} per extension` },
    );
  }

  // An empty token means "none": an empty Verification-Token header would only confuse receivers.
  const verificationToken = body.deliveryMode.verificationToken || null;
  const signingSecret = generateSecret();
  await handshakeOrThrow(ctx, { address, verificationToken, signingSecret });

  const now = ctx.clock.now();
  const subscription: Subscription = {
    id: ctx.random.uuid(),
    ...owner,
    eventFilters: filters,
    address,
    verificationToken,
    signingSecrets: [{ secret: signingSecret, expiresAt: null }],
    status: 'Active',
    createdAt: now,
    expiresAt: now + expiresIn * 1000,
    expiresIn,
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
  await store.createSubscription(subscription);
  ctx.index.add(subscription);
  return { subscription, signingSecret };
}
