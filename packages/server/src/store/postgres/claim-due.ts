import type { Pool } from 'pg';
import { type ClaimRow, claimedFromRows } from '../record-rows.js';
import type { ClaimedDelivery, ClaimOptions } from '../store.js';
import { dropNonHeads, HEAD_OF_KEY, hasOrderedPending, KEY_LOCK } from './ordering-keys.js';
import { prepared } from './prepared.js';
import { inTransaction } from './transaction.js';

/**
 * Leases due deliveries: pending, due, not leased (or lease ran out), subscription Active and not
 * saturated on this node. At most `perSubscription` per subscription, so one busy subscription
 * cannot fill a claim and starve the others (docs/architecture.md "Isolation").
 *
 * Why FOR UPDATE SKIP LOCKED (graphile-worker's `src/sql/getJobs.ts` does the same): every node
 * claims from the same index at the same time. Plain FOR UPDATE would make the second claimer
 * wait on the first one's rows and then re-check them; SKIP LOCKED lets it pass over rows another
 * claim holds and take the next ones, so N nodes claim N disjoint batches without blocking. A row
 * another node leased and committed since our snapshot is re-checked under the lock (READ
 * COMMITTED), finds `locked_until` in the future and is left out: a delivery is never leased
 * twice. The lease (`locked_until`) and not the row lock is what survives the transaction: if the
 * node dies, the lease runs out and any node claims the delivery again.
 *
 * The row lock covers up to `scan` candidates; those the per-subscription cap leaves out are
 * unlocked again at COMMIT, a few milliseconds later.
 *
 * **The claim must read `deliveries_due` in order and stop after `scan` rows**, whatever the
 * backlog. On a table without statistics yet (a fresh database taking its first burst) the planner
 * prefers a bitmap scan that reads and sorts EVERY due row — 50 ms per claim at a 20,000 backlog
 * instead of 3 ms, measured — so bitmap scans are switched off for this transaction. The
 * subscription's status is a scalar subquery, not a join, for the same reason: a join lets the
 * planner start from `subscriptions` and lose the index order.
 *
 * Bytes are bounded as in the SQLite claim: each event's body counted once, on the first of its
 * rows, returned only there, and an event's rows all taken while the bodies before its first stay
 * under `$7`.
 *
 * **Ordered subscriptions: one delivery per key in flight, across nodes** (docs/ordering.md). The
 * scan keeps only the head of each key (HEAD_OF_KEY), and a chosen head is leased only when this
 * transaction gets its key lock (`pg_try_advisory_xact_lock`, never waiting: a key another claim
 * or publish holds is passed over, as SKIP LOCKED passes rows). Because the statement's snapshot
 * predates the lock, `dropNonHeads` tests those heads again in a fresh statement. While no ordered
 * delivery is pending (one probe of a partial index) the claim is the unordered one, which skips
 * ordered rows (one may be committed meanwhile: the next claim takes it): unordered subscriptions
 * pay one index probe for ordering (measured, docs/performance.md "Ordered delivery").
 */
const claimSql = (ordered: boolean) => `
WITH candidates AS (
  SELECT d.id, d.subscription_id, d.event_id, d.next_attempt_at, d.ordering_key
  FROM deliveries d
  WHERE d.state = 'pending' AND d.next_attempt_at <= $1
    AND (d.locked_until IS NULL OR d.locked_until <= $1)
    AND d.subscription_id <> ALL($3::text[])
    AND (SELECT s.status FROM subscriptions s WHERE s.id = d.subscription_id) = 'Active'
    AND ${ordered ? HEAD_OF_KEY : 'd.ordering_key IS NULL'}
  ORDER BY d.next_attempt_at
  LIMIT $4
  FOR UPDATE SKIP LOCKED
), chosen AS (
  SELECT id, event_id, next_attempt_at FROM (
    SELECT id, event_id, next_attempt_at, subscription_id, ordering_key,
           row_number() OVER (PARTITION BY subscription_id ORDER BY next_attempt_at) AS rank
    FROM candidates
  ) ranked
  WHERE rank <= $5
    ${ordered ? `AND (ordering_key IS NULL OR pg_try_advisory_xact_lock(${KEY_LOCK('subscription_id', 'ordering_key')}))` : ''}
  ORDER BY next_attempt_at LIMIT $6
), sized AS (
  SELECT f.id, f.event_id, f.first_of_event, f.next_attempt_at,
         CASE WHEN f.first_of_event THEN octet_length(e.body_json) ELSE 0 END AS own_bytes
  FROM (
    SELECT id, event_id, next_attempt_at,
           row_number() OVER (PARTITION BY event_id ORDER BY next_attempt_at, id) = 1 AS first_of_event
    FROM chosen
  ) f JOIN events e ON e.id = f.event_id
), running AS (
  SELECT id, event_id, first_of_event,
         sum(own_bytes) OVER (ORDER BY next_attempt_at, id ROWS UNBOUNDED PRECEDING) - own_bytes AS bytes_before
  FROM sized
), taken AS (
  SELECT id, first_of_event FROM (
    SELECT id, first_of_event,
           max(CASE WHEN first_of_event THEN bytes_before END) OVER (PARTITION BY event_id) AS event_bytes_before
    FROM running
  ) budgeted
  WHERE event_bytes_before < $7
)
UPDATE deliveries d SET locked_until = $2
FROM taken, events e, subscriptions s
WHERE d.id = taken.id AND e.id = d.event_id AND s.id = d.subscription_id
RETURNING d.*, CASE WHEN taken.first_of_event THEN e.body_json END AS body_json,
          e.created_at AS event_created_at, s.address, s.verification_token,
          s.signing_secrets, s.account_id, s.extension_id`;

/** The claim when no ordered delivery is pending: the unordered one, which leaves ordered rows alone. */
const CLAIM_UNORDERED = claimSql(false);
const CLAIM_ORDERED = claimSql(true);

export async function claimDue(pool: Pool, o: ClaimOptions): Promise<ClaimedDelivery[]> {
  // Not durable: a lease lost in a database crash only lets the delivery be claimed again sooner.
  const { rows, dropped } = await inTransaction(
    pool,
    async (client) => {
      const claimed = (
        await client.query<ClaimRow>(
          prepared((await hasOrderedPending(client)) ? CLAIM_ORDERED : CLAIM_UNORDERED, [
            o.now,
            o.now + o.leaseMs,
            o.excludeSubscriptionIds,
            Math.max(o.limit * 4, 1000),
            o.perSubscription,
            o.limit,
            o.maxBytes ?? Number.MAX_SAFE_INTEGER,
          ]),
        )
      ).rows;
      // Ordered deliveries are tested again now that their key locks are held (ordering-keys.ts);
      // a claim of unordered deliveries only never makes this second round trip.
      const ordered = claimed.filter((r) => r.ordering_key != null).map((r) => r.id);
      const given = ordered.length > 0 ? await dropNonHeads(client, ordered, o.now) : new Set<string>();
      return { rows: claimed, dropped: given };
    },
    { durable: false, settings: ['enable_bitmapscan = off'] },
  );
  rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at);
  // Bodies are read from every returned row first: a row given back may be the one carrying its
  // event's body for the others.
  const claims = claimedFromRows(rows);
  return dropped.size === 0 ? claims : claims.filter((c) => !dropped.has(c.delivery.id));
}

export async function releaseClaims(pool: Pool, ids: string[], notBefore = 0): Promise<void> {
  await pool.query(
    prepared(
      `UPDATE deliveries SET locked_until = NULL, next_attempt_at = GREATEST(next_attempt_at, $2)
       WHERE state = 'pending' AND id = ANY($1::text[])`,
      [ids, notBefore],
    ),
  );
}

export async function putOffNeverAttempted(
  pool: Pool,
  subscriptionId: string,
  until: number,
  now: number,
): Promise<number> {
  const result = await pool.query(
    prepared(
      `UPDATE deliveries SET next_attempt_at = $2
       WHERE subscription_id = $1 AND state = 'pending' AND attempts = 0
         AND next_attempt_at < $2 AND (locked_until IS NULL OR locked_until <= $3)`,
      [subscriptionId, until, now],
    ),
  );
  return result.rowCount ?? 0;
}

export async function makePutOffDue(pool: Pool, now: number): Promise<number> {
  const result = await pool.query(
    prepared(
      `UPDATE deliveries SET next_attempt_at = $1
       WHERE state = 'pending' AND next_attempt_at > $1 AND attempts = 0`,
      [now],
    ),
  );
  return result.rowCount ?? 0;
}

export async function extendLeases(pool: Pool, ids: string[], until: number): Promise<void> {
  await pool.query(
    prepared(`UPDATE deliveries SET locked_until = $2 WHERE state = 'pending' AND id = ANY($1::text[])`, [
      ids,
      until,
    ]),
  );
}

export async function nextDueAt(pool: Pool): Promise<number | null> {
  const { rows } = await pool.query<{ at: number | null }>(
    prepared(
      `SELECT min(d.next_attempt_at) AS at FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
       WHERE d.state = 'pending' AND s.status = 'Active'`,
    ),
  );
  return rows[0]?.at ?? null;
}
