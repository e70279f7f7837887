import { generateSecret } from '@switchboard/receiver';
import type { AppContext } from '../context.js';
import { ApiError } from '../errors.js';
import { validateFilters } from '../filters/validate-filters.js';
import type { Principal, Subscription } from '../model.js';
import { checkAddress } from './check-address.js';
import { filterScopeOf } from './filter-scope-of.js';
import { handshakeOrThrow } from './handshake-or-throw.js';
import { newSubscription } from './new-subscription.js';
import { type OrderingInput, resolveOrdering } from './resolve-ordering.js';

/**
 * What a create asks for (RingCentral's `CreateSubscriptionRequest`, §2.5), once the API has
 * checked it against its schema. Other request fields are ignored here.
 */
export interface CreateSubscriptionInput {
  eventFilters: string[];
  deliveryMode: { address: string; verificationToken?: string };
  /** Seconds; absent means the configured default. */
  expiresIn?: number;
  /** Switchboard's extension: ordered delivery per key (docs/ordering.md). */
  ordering?: OrderingInput;
}

/**
 * Creates a subscription for the caller's own extension in the order of §3.1 and docs/architecture.md "Data flow":
 * validate → expand/validate filters → limit → handshake → persist → index. Nothing is stored
 * unless the handshake passed. Returns the new subscription and its signing secret, which the
 * create response shows once.
 */
export async function createSubscription(
  ctx: AppContext,
  principal: Principal,
  body: CreateSubscriptionInput,
): Promise<{ subscription: Subscription; signingSecret: string }> {
  const { config, store } = ctx;
  const owner = { accountId: principal.accountId, extensionId: principal.extensionId };
  const expiresIn = body.expiresIn ?? config.defaultExpiresInSeconds;
  const address = body.deliveryMode.address;
  checkAddress(address, config);
  const { filters, reminder } = validateFilters(body.eventFilters, owner, {
    ttlSeconds: expiresIn,
    maxFilters: config.maxFiltersPerSubscription,
    scope: filterScopeOf(principal),
    eventNamespaces: config.eventNamespaces,
  });
  const limitReached = () =>
    new ApiError('SUB-505', {}, { detail: `at most ${config.maxSubscriptionsPerExtension} per extension` });
  // Counted here to spare a handshake, and again in the insert (concurrent creates: docs/reliability.md, finding 4).
  const live = await store.countLiveSubscriptions(owner.accountId, owner.extensionId);
  if (live >= config.maxSubscriptionsPerExtension) throw limitReached();

  // An empty token means "none": an empty Verification-Token header would only confuse receivers.
  const verificationToken = body.deliveryMode.verificationToken || null;
  const signingSecret = generateSecret();
  await handshakeOrThrow(ctx, { address, verificationToken, signingSecret });

  const subscription = newSubscription(
    {
      id: ctx.random.uuid(),
      ...owner,
      eventFilters: filters,
      address,
      verificationToken,
      signingSecret,
      expiresIn,
      reminder,
      ...(body.ordering ? { ordering: resolveOrdering(body.ordering) } : {}),
    },
    ctx.clock.now(),
  );
  const limit = { maxLive: config.maxSubscriptionsPerExtension };
  if (!(await store.createSubscription(subscription, limit))) throw limitReached();
  ctx.index.add(subscription);
  return { subscription, signingSecret };
}
