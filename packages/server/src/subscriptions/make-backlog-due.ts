import type { Store } from '../store/store.js';

const PAGE = 500;

/**
 * Makes the queued deliveries of a subscription that was just reactivated due now
 * (docs/decisions.md "Delivery" → Recovery: on success "its backlog drains"). Without this each
 * one waits for the retry time it was given while the receiver was failing — 30 minutes after
 * the fifth failure, up to 24 hours later in the schedule — although a handshake has just proved
 * the receiver is back. The dispatcher's per-subscription concurrency bounds the drain. Uses only
 * `listDeliveries` and `redeliver`, so every store backend does it the same way. Returns how many
 * deliveries were moved.
 *
 * @example
 * await makeBacklogDue(ctx.store, subscription.id, ctx.clock.now());
 */
export async function makeBacklogDue(store: Store, subscriptionId: string, now: number): Promise<number> {
  let moved = 0;
  let beforeId: string | undefined;
  for (;;) {
    const page = await store.listDeliveries({
      subscriptionId,
      states: ['pending'],
      limit: PAGE,
      ...(beforeId !== undefined ? { beforeId } : {}),
    });
    for (const delivery of page) {
      if (delivery.nextAttemptAt > now && (await store.redeliver(delivery.id, now))) moved++;
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) return moved;
    beforeId = last.id;
  }
}
