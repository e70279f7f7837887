import type { Delivery } from '../model.js';

/**
 * Which new deliveries of a publish may be handed to the publishing node (store.ts PublishLease)
 * without breaking per-key order (docs/ordering.md): an ordered delivery only when its key has
 * nothing earlier still open (`busyKeys`, read by the backend under its key locks) and no earlier
 * delivery of the same key in this very publish. Unordered deliveries are always eligible.
 *
 * @example
 * const mayTake = keyHandOver(busyKeys);
 * for (const d of deliveries) if (mayTake(d) && lease.take(d.subscriptionId)) { … }
 */
export function keyHandOver(busyKeys: Set<string>): (delivery: Delivery) => boolean {
  const busy = new Set(busyKeys);
  return (delivery) => {
    if (delivery.orderingKey == null) return true;
    const key = orderingKeyId(delivery.subscriptionId, delivery.orderingKey);
    if (busy.has(key)) return false;
    busy.add(key); // the next delivery of this key in the same publish waits behind this one
    return true;
  };
}

/** One string per (subscription, key) pair, for sets and for the PostgreSQL key lock. */
export function orderingKeyId(subscriptionId: string, orderingKey: string): string {
  return `${subscriptionId}\u0000${orderingKey}`;
}
