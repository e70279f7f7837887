import type { Database } from 'better-sqlite3';
import type { Delivery } from '../../model.js';
import { orderingKeyId } from '../key-hand-over.js';
import { prepared } from './prepared.js';

/**
 * The claim's head-of-key test for the delivery `d` (docs/ordering.md): an unordered row passes at
 * once; an ordered one only when no pending delivery of its key comes before it or is leased (in
 * flight somewhere), and, for a subscription with `onDead: block`, no dead or expired one comes
 * before it. Each test reads one partial index that holds ordered rows only (migration 006).
 */
export const HEAD_OF_KEY = `(d.ordering_key IS NULL OR (
  NOT EXISTS (
    SELECT 1 FROM deliveries o
    WHERE o.subscription_id = d.subscription_id AND o.ordering_key = d.ordering_key
      AND o.state = 'pending' AND o.ordering_key IS NOT NULL
      AND (o.ordering_seq < d.ordering_seq OR o.locked_until > @now))
  AND NOT EXISTS (
    SELECT 1 FROM deliveries o
    WHERE o.subscription_id = d.subscription_id AND o.ordering_key = d.ordering_key
      AND o.state IN ('dead', 'expired') AND o.ordering_key IS NOT NULL
      AND o.ordering_seq < d.ordering_seq
      AND (SELECT json_extract(s.ordering, '$.onDead') FROM subscriptions s WHERE s.id = d.subscription_id) = 'block')))`;

/** Whether any ordered delivery is pending: one probe of the partial index `deliveries_key_pending`. */
export function hasOrderedPending(db: Database): boolean {
  const row = prepared(
    db,
    `SELECT EXISTS (SELECT 1 FROM deliveries INDEXED BY deliveries_key_pending
       WHERE state = 'pending' AND ordering_key IS NOT NULL) AS found`,
  ).get() as { found: number };
  return row.found === 1;
}

/**
 * The (subscription, key) pairs among `deliveries` that already have a delivery still open: pending,
 * or dead/expired under `onDead: block`. A new delivery of such a key is not handed over at publish.
 */
export function busyKeys(db: Database, deliveries: Delivery[]): Set<string> {
  const busy = new Set<string>();
  const select = prepared(
    db,
    `SELECT EXISTS (
       SELECT 1 FROM deliveries WHERE subscription_id = @subscriptionId AND ordering_key = @key
         AND state = 'pending' AND ordering_key IS NOT NULL)
     OR EXISTS (
       SELECT 1 FROM deliveries WHERE subscription_id = @subscriptionId AND ordering_key = @key
         AND state IN ('dead', 'expired') AND ordering_key IS NOT NULL
         AND (SELECT json_extract(ordering, '$.onDead') FROM subscriptions WHERE id = @subscriptionId) = 'block')
     AS busy`,
  );
  for (const d of deliveries) {
    if (d.orderingKey == null) continue;
    const id = orderingKeyId(d.subscriptionId, d.orderingKey);
    if (busy.has(id)) continue;
    const row = select.get({ subscriptionId: d.subscriptionId, key: d.orderingKey }) as { busy: number };
    if (row.busy === 1) busy.add(id);
  }
  return busy;
}

/**
 * Takes `count` places in the one ordering counter and returns the first: a publish numbers its
 * ordered deliveries from there, in order, so a later publish of a key always sorts after.
 */
export function takeOrderingSeqs(db: Database, count: number): number {
  const row = prepared(db, 'UPDATE ordering_counter SET value = value + ? WHERE id = 1 RETURNING value').get(
    count,
  ) as { value: number };
  return row.value - count + 1;
}
