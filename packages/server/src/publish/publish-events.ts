import type { AppContext } from '../context.js';
import { applyExtensionEvents } from '../directory/apply-extension-events.js';
import type { EventRecord } from '../model.js';
import { groupBySubscription } from '../store/group-by-subscription.js';
import type { PublishItem, PublishResult } from '../store/store.js';
import type { CheckedEvent } from './check-events.js';
import { newDelivery } from './new-delivery.js';
import { orderingKey } from './ordering-key.js';

/** The answer for one published event, in input order. */
export interface PublishAnswer {
  id: string;
  matched: number;
}

/**
 * Fans checked events out to the subscriptions they match and commits them all in ONE
 * `store.publish` transaction before answering (docs/architecture.md "Data flow": 2xx only after commit).
 * A publisher id seen before (also earlier in the same batch) gets the first answer and creates
 * nothing. Then hands the dispatcher its deliveries (or wakes it) and reports `events:published`.
 */
export async function publishEvents(ctx: AppContext, events: CheckedEvent[]): Promise<PublishAnswer[]> {
  const now = ctx.clock.now();
  const firstByKey = new Map<string, number>();
  const positions: number[] = [];
  const items: PublishItem[] = [];
  const matched: Match[] = [];
  for (const event of events) {
    const key = event.publisherId === null ? null : JSON.stringify([event.accountId, event.publisherId]);
    const earlier = key === null ? undefined : firstByKey.get(key);
    if (earlier !== undefined) {
      positions.push(earlier);
      continue;
    }
    if (key !== null) firstByKey.set(key, items.length);
    positions.push(items.length);
    items.push(publishItem(ctx, event, now, matched));
  }
  makeDeliveries(ctx, matched, now);

  // Deliveries this node's dispatcher can take now are committed leased to it and handed over in
  // memory; the rest wait in the table for a claim (the offer wakes the dispatcher for those).
  const offer = ctx.offerDeliveries();
  let results: PublishResult[] = [];
  try {
    results = offer ? await ctx.store.publish(items, offer.lease) : await ctx.store.publish(items);
  } finally {
    offer?.settle(results.flatMap((r) => r.claimed));
  }
  const created = results.filter((r) => r.created);
  await applyExtensionEvents(
    ctx,
    created.map((r) => r.event),
  );
  const deliveries = created.reduce((sum, r) => sum + r.event.matched, 0);
  if (created.length > 0) {
    ctx.events.emit('events:published', { eventIds: created.map((r) => r.event.id), deliveries });
  }
  if (deliveries > 0 && !offer) ctx.wakeDispatcher();
  return positions.map((position) => {
    const result = results[position];
    if (!result) throw new Error('store.publish returned fewer results than items');
    return { id: result.event.id, matched: result.event.matched };
  });
}

/** A subscription an event matched, before its delivery is made. */
interface Match {
  item: PublishItem;
  subscriptionId: string;
  filter: string;
  orderingKey?: string | null;
}

function publishItem(ctx: AppContext, event: CheckedEvent, now: number, matched: Match[]): PublishItem {
  const matches = ctx.index.match({
    path: event.path,
    params: event.params,
    accountId: event.accountId,
    now,
  });
  const record: EventRecord = {
    id: ctx.random.id(),
    accountId: event.accountId,
    path: event.raw,
    bodyJson: JSON.stringify(event.body),
    publisherId: event.publisherId,
    createdAt: now,
    matched: matches.length,
    publishedBy: event.publishedBy,
  };
  const item: PublishItem = { event: record, deliveries: [] };
  for (const { subscriptionId, filter } of matches) {
    const ordering = ctx.index.orderingOf(subscriptionId);
    matched.push({
      item,
      subscriptionId,
      filter,
      ...(ordering ? { orderingKey: orderingKey(ordering, event.path, event.body) } : {}),
    });
  }
  return item;
}

/**
 * Makes the batch's deliveries subscription by subscription (group-by-subscription.ts), the order
 * the stores write them in, so their ids, increasing as they are made, reach every index keyed by
 * id at its end instead of jumping between ten places per event at fan-out 10.
 */
function makeDeliveries(ctx: AppContext, matched: Match[], now: number): void {
  for (const { item, subscriptionId, filter, orderingKey } of groupBySubscription(
    matched,
    (m) => m.subscriptionId,
  )) {
    const delivery = newDelivery(ctx.random, { eventId: item.event.id, subscriptionId, filter }, now);
    if (orderingKey !== undefined) delivery.orderingKey = orderingKey;
    item.deliveries.push(delivery);
  }
}
