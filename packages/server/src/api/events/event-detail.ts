import type { AppContext } from '../../context.js';
import { explainMatch } from '../../filters/explain-match.js';
import { parseEventPath } from '../../filters/parse-event-path.js';
import type { Delivery, EventRecord, Principal, Subscription } from '../../model.js';
import { notFound } from '../../not-found.js';
import { publishedBy } from '../../subscriptions/can-see-delivery.js';
import { canSeeSubscription } from '../../subscriptions/can-see-subscription.js';
import { isoTime } from '../iso-time.js';
import type { EventView, Explain } from '../schemas/event-view.js';
import { deliveryView } from '../views/delivery-view.js';

/** Deliveries listed with an event: a fan-out larger than this is paged through /v1/subscriptions. */
const DELIVERIES_SHOWN = 500;

/**
 * `GET /v1/events/{id}`: the event, the deliveries the caller may see, and on request an
 * explanation of the matching ("why did / didn't my subscription get this?").
 */
export async function eventDetail(
  ctx: AppContext,
  principal: Principal,
  event: EventRecord,
  explain: { wanted: boolean; subscriptionId?: string | undefined },
): Promise<EventView> {
  const visible = await visibility(ctx, principal, event);
  const deliveries = await ctx.store.listDeliveries({ eventId: event.id, limit: DELIVERIES_SHOWN });
  const shown: Delivery[] = [];
  for (const delivery of deliveries) if (await visible(delivery.subscriptionId)) shown.push(delivery);
  if (!canSeeEvent(principal, event, shown.length > 0)) throw notFound('eventId');
  const view: EventView = {
    id: event.id,
    event: event.path,
    body: JSON.parse(event.bodyJson) as Record<string, unknown>,
    publisherId: event.publisherId,
    createdAt: isoTime(event.createdAt),
    matched: event.matched,
    deliveries: shown.map((d) => deliveryView(d, ctx.index.orderingOf(d.subscriptionId))),
  };
  if (explain.wanted)
    view.explain = await explainEvent(ctx, principal, event, explain.subscriptionId, visible);
  return view;
}

async function explainEvent(
  ctx: AppContext,
  principal: Principal,
  event: EventRecord,
  subscriptionId: string | undefined,
  visible: (id: string) => Promise<boolean>,
): Promise<Explain> {
  const parsed = parseEventPath(event.path);
  // Stored paths were parsed on the way in; an unparsable one matches nothing.
  const target = 'error' in parsed ? null : { path: parsed.path, params: parsed.params };
  const matched: Explain['matched'] = [];
  for (const match of target ? ctx.index.match(target) : []) {
    if (await visible(match.subscriptionId)) matched.push(match);
  }
  if (subscriptionId === undefined) return { matched };
  const subscription = await ctx.store.getSubscription(subscriptionId);
  if (!subscription || !canSeeSubscription(principal, subscription)) throw notFound('subscriptionId');
  const why = target
    ? explainMatch(subscription.eventFilters, target)
    : { matched: false, reasons: ['the event path does not parse'] };
  return { matched, subscription: { id: subscription.id, ...why } };
}

/**
 * Who may read an event, its body included (docs/reliability.md, finding 6): the server admin; within the
 * account, an account admin, the publisher token that published it, and a user whose extension
 * it names or who sees one of its deliveries. Everyone else gets 404, like an unknown id.
 */
function canSeeEvent(principal: Principal, event: EventRecord, seesADelivery: boolean): boolean {
  if (principal.role === 'admin') return true;
  if (event.accountId !== principal.accountId) return false;
  if (principal.role === 'account-admin') return true;
  if (principal.role === 'publisher') return publishedBy(event, principal);
  if (seesADelivery) return true;
  const parsed = parseEventPath(event.path);
  return (
    !('error' in parsed) && parsed.segments[4] === 'extension' && parsed.segments[5] === principal.extensionId
  );
}

/** Whether the caller may see a subscription's delivery of `event`, looked up once per id. */
async function visibility(
  ctx: AppContext,
  principal: Principal,
  event: EventRecord,
): Promise<(id: string) => Promise<boolean>> {
  const cache = new Map<string, Subscription | null>();
  return async (id) => {
    if (principal.role === 'admin') return true;
    // A publisher sees every delivery of its own events and none of anyone else's.
    if (principal.role === 'publisher') return publishedBy(event, principal);
    if (!cache.has(id)) cache.set(id, await ctx.store.getSubscription(id));
    const subscription = cache.get(id);
    return subscription ? canSeeSubscription(principal, subscription) : false;
  };
}
