import type { AppContext } from '../context.js';
import type { EventRecord, Subscription } from '../model.js';
import { newDelivery } from '../publish/new-delivery.js';

const REMINDER_PREFIX = '/restapi/v1.0/subscription/~';

/**
 * Renewal reminders (docs/decisions.md "Subscriptions"; protocol §5.4 f): a notification whose
 * `event` is the reminder filter string exactly as subscribed and whose body is
 * `{"expiresIn": <seconds left>}`. The store claims due subscriptions, so each reminder is sent once.
 */
export async function sendReminders(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.store.claimReminders(now);
  if (due.length === 0) return 0;
  const items = due.flatMap((s) => {
    const filter = s.eventFilters.find((f) => f.startsWith(REMINDER_PREFIX));
    return filter ? [reminderItem(ctx, s, filter, now)] : [];
  });
  await ctx.store.publish(items);
  ctx.wakeDispatcher();
  return items.length;
}

function reminderItem(ctx: AppContext, s: Subscription, filter: string, now: number) {
  const event: EventRecord = {
    id: ctx.random.id(),
    accountId: s.accountId,
    path: filter,
    bodyJson: JSON.stringify({ expiresIn: Math.max(0, Math.floor((s.expiresAt - now) / 1000)) }),
    publisherId: null,
    createdAt: now,
    matched: 1,
  };
  const delivery = newDelivery(ctx.random, { eventId: event.id, subscriptionId: s.id, filter }, now);
  return { event, deliveries: [delivery] };
}
