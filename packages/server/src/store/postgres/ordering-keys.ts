import type { PoolClient } from 'pg';
import type { Delivery } from '../../model.js';
import { orderingKeyId } from '../key-hand-over.js';
import { prepared } from './prepared.js';

/**
 * The key lock (docs/ordering.md "Across nodes"): a transaction-scoped advisory lock per
 * (schema, subscription, key), in the one-bigint key space (the job and migration locks use the
 * two-int space, so they never collide). A claim only tries it and passes the key over when
 * another transaction holds it; a publish of an ordered delivery waits for it. Held until COMMIT,
 * so whoever takes it next sees, in its next statement, everything the holder wrote.
 */
export const KEY_LOCK = (subscription: string, key: string) =>
  `hashtextextended(coalesce(current_schema(), '') || chr(1) || ${subscription} || chr(1) || ${key}, 0)`;

/**
 * The claim's head-of-key test for the delivery `d`, `$1` being now: an unordered row passes at
 * once; an ordered one only when no OTHER pending delivery of its key comes before it or is leased
 * (in flight somewhere), and, for a subscription with `onDead: block`, no dead or expired one comes
 * before it. Each test reads one partial index that holds ordered rows only (migration 006).
 */
export const HEAD_OF_KEY = `(d.ordering_key IS NULL OR (
  NOT EXISTS (
    SELECT 1 FROM deliveries o
    WHERE o.subscription_id = d.subscription_id AND o.ordering_key = d.ordering_key
      AND o.state = 'pending' AND o.ordering_key IS NOT NULL AND o.id <> d.id
      AND (o.ordering_seq < d.ordering_seq OR o.locked_until > $1))
  AND NOT EXISTS (
    SELECT 1 FROM deliveries o
    WHERE o.subscription_id = d.subscription_id AND o.ordering_key = d.ordering_key
      AND o.state IN ('dead', 'expired') AND o.ordering_key IS NOT NULL
      AND o.ordering_seq < d.ordering_seq
      AND (SELECT s.ordering ->> 'onDead' FROM subscriptions s WHERE s.id = d.subscription_id) = 'block')))`;

/**
 * Whether any ordered delivery is pending: one probe of the partial index `deliveries_key_pending`.
 * The ORDER BY on its columns is what makes the planner read that index (one entry) rather than
 * walk `deliveries_due` over every pending row, as it did on a fresh table (5 ms at 30,000 rows).
 */
export async function hasOrderedPending(client: PoolClient): Promise<boolean> {
  const { rows } = await client.query(
    prepared(
      `SELECT 1 FROM deliveries WHERE state = 'pending' AND ordering_key IS NOT NULL
       ORDER BY subscription_id, ordering_key, ordering_seq LIMIT 1`,
    ),
  );
  return rows.length > 0;
}

/**
 * The second half of an ordered claim. The claim statement read its snapshot BEFORE it took the
 * key locks, so a claim another node committed in between is not in it. Now that this transaction
 * holds the locks, this statement (a fresh snapshot under READ COMMITTED) tests the claimed
 * ordered deliveries again and gives back those that are no longer the head of a free key.
 * Returns the ids given back.
 */
export async function dropNonHeads(client: PoolClient, ids: string[], now: number): Promise<Set<string>> {
  const { rows } = await client.query<{ id: string }>(
    prepared(
      `UPDATE deliveries d SET locked_until = NULL
       WHERE d.id = ANY($2::text[]) AND NOT ${HEAD_OF_KEY}
       RETURNING d.id`,
      [now, ids],
    ),
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Waits for the key locks of the ordered deliveries of a publish, in one order (so two publishes
 * never deadlock), then returns the keys that already have a delivery still open: pending, or
 * dead/expired under `onDead: block`. Read in a statement after the locks, so it sees every claim
 * and publish of those keys committed before.
 */
export async function lockKeys(client: PoolClient, deliveries: Delivery[]): Promise<Set<string>> {
  const pairs = new Map<string, [string, string]>();
  for (const d of deliveries) {
    if (d.orderingKey != null)
      pairs.set(orderingKeyId(d.subscriptionId, d.orderingKey), [d.subscriptionId, d.orderingKey]);
  }
  const subscriptions = [...pairs.values()].map(([s]) => s);
  const keys = [...pairs.values()].map(([, k]) => k);
  await client.query(
    prepared(
      `SELECT pg_advisory_xact_lock(lock) FROM (
         SELECT DISTINCT ${KEY_LOCK('s', 'k')} AS lock FROM unnest($1::text[], $2::text[]) AS p(s, k)
         ORDER BY lock OFFSET 0) sorted`,
      [subscriptions, keys],
    ),
  );
  const { rows } = await client.query<{ s: string; k: string }>(
    prepared(
      `SELECT p.s, p.k FROM unnest($1::text[], $2::text[]) AS p(s, k)
       WHERE EXISTS (
           SELECT 1 FROM deliveries d WHERE d.subscription_id = p.s AND d.ordering_key = p.k
             AND d.state = 'pending' AND d.ordering_key IS NOT NULL)
         OR EXISTS (
           SELECT 1 FROM deliveries d WHERE d.subscription_id = p.s AND d.ordering_key = p.k
             AND d.state IN ('dead', 'expired') AND d.ordering_key IS NOT NULL
             AND (SELECT s.ordering ->> 'onDead' FROM subscriptions s WHERE s.id = p.s) = 'block')`,
      [subscriptions, keys],
    ),
  );
  return new Set(rows.map((r) => orderingKeyId(r.s, r.k)));
}

/** `count` places of the one ordering counter, increasing: numbered in publish order. */
export async function takeOrderingSeqs(client: PoolClient, count: number): Promise<number[]> {
  const { rows } = await client.query<{ seq: number }>(
    prepared(`SELECT nextval('ordering_counter') AS seq FROM generate_series(1, $1)`, [count]),
  );
  return rows.map((r) => r.seq).sort((a, b) => a - b);
}
