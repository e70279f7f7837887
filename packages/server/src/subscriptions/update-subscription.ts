import type { AppContext } from '../context.js';
import { validateFilters } from '../filters/validate-filters.js';
import type { Principal, Subscription } from '../model.js';
import { applyRenewal, type RenewalChange } from './apply-renewal.js';
import { checkAddress } from './check-address.js';
import { filterScopeOf } from './filter-scope-of.js';
import { findSubscription } from './find-subscription.js';
import { type OrderingInput, resolveOrdering } from './resolve-ordering.js';

/**
 * What a PUT asks for (RingCentral's `UpdateSubscriptionRequest`, §2.5, plus a new address or
 * verification token), once the API has checked it against its schema.
 */
export interface UpdateSubscriptionInput {
  eventFilters?: string[];
  /** Seconds; absent means the configured default (every PUT renews). */
  expiresIn?: number;
  deliveryMode?: { address?: string; verificationToken?: string };
  /** Switchboard's extension (docs/ordering.md): null turns ordering off; absent keeps it. */
  ordering?: OrderingInput | null;
}

/**
 * `PUT /restapi/v1.0/subscription/{id}` (§3.4): `eventFilters` replaces the list, every PUT renews
 * (an absent `expiresIn` means the default, as RingCentral says), and — our addition — a new
 * `deliveryMode.address` or `verificationToken` is accepted after a handshake with it.
 */
export async function updateSubscription(
  ctx: AppContext,
  principal: Principal,
  id: string,
  body: UpdateSubscriptionInput,
): Promise<Subscription> {
  const subscription = await findSubscription(ctx, principal, id, { includeExpired: false });
  const change: RenewalChange = { expiresIn: body.expiresIn ?? ctx.config.defaultExpiresInSeconds };
  if (body.eventFilters !== undefined) {
    const owner = { accountId: subscription.accountId, extensionId: subscription.extensionId };
    change.filters = validateFilters(body.eventFilters, owner, {
      ttlSeconds: change.expiresIn,
      maxFilters: ctx.config.maxFiltersPerSubscription,
      scope: filterScopeOf(principal),
      eventNamespaces: ctx.config.eventNamespaces,
    });
  }
  const target = newTarget(subscription, body.deliveryMode);
  if (target) {
    if (target.address !== subscription.address) checkAddress(target.address, ctx.config);
    change.target = target;
  }
  if (body.ordering !== undefined) change.ordering = resolveOrdering(body.ordering);
  return applyRenewal(ctx, subscription, change);
}

/** The requested address and token when either differs from what is stored, else undefined. */
function newTarget(
  subscription: Subscription,
  mode: UpdateSubscriptionInput['deliveryMode'],
): RenewalChange['target'] | undefined {
  const address = mode?.address ?? subscription.address;
  const verificationToken =
    mode?.verificationToken === undefined ? subscription.verificationToken : mode.verificationToken || null;
  if (address === subscription.address && verificationToken === subscription.verificationToken)
    return undefined;
  return { address, verificationToken };
}
