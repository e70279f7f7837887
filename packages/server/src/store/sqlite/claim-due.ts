import type { Database } from 'better-sqlite3';
import { type ClaimRow, claimedFromRows } from '../record-rows.js';
import type { ClaimedDelivery, ClaimOptions } from '../store.js';
import { HEAD_OF_KEY, hasOrderedPending } from './ordering-keys.js';
import { prepared } from './prepared.js';

/**
 * Leases due deliveries: pending, due, not leased (or lease ran out), subscription Active and not
 * saturated on this node, and for an ordered subscription the head of its key. At most `perSubscription` per subscription, so one busy subscription
 * cannot fill a claim and starve the others (docs/architecture.md "Isolation").
 *
 * SQLite has one writer, so the select and the lease update run in one transaction and no other
 * claimer can interleave; Postgres does the same with FOR UPDATE SKIP LOCKED.
 */
export function claimDue(db: Database, o: ClaimOptions): ClaimedDelivery[] {
  // Rank on ids only, then read bodies for the chosen rows: the scan touches `limit * 4` rows,
  // and reading each one's event body only to drop most of them cost a fifth of the server's CPU.
  //
  // **The window function runs over the scan's rows, in a CTE of its own.** Written in the same
  // SELECT as the LIMIT, it is computed before the LIMIT, over every due row: 27 ms per claim at
  // a 30,000-row backlog instead of under 2 (measured, docs/performance.md). The Postgres claim is built alike.
  //
  // **Saturated and non-Active subscriptions are filtered INSIDE the scan, before its LIMIT.**
  // Filtered after it, the oldest due rows — a hanging receiver's, never claimable while it is
  // at its cap — filled the whole window and healthy subscriptions starved (the isolation
  // benchmark stalled at 9,774 of 36,000 deliveries). The Postgres claim does the same.
  //
  // **Bytes are bounded, not only rows** (docs/reliability.md "Memory bounded in bytes"): each
  // event's body is counted once, on the first of its rows (`first_of_event`), and read only
  // there; an event's rows are all taken while the bodies before its first stay under
  // `@maxBytes`. Thirty deliveries of one 5 MB event bring 5 MB into memory, not 150.
  //
  // **Ordered deliveries are claimed only at the head of their key** (HEAD_OF_KEY, docs/ordering.md),
  // inside the scan for the same reason as above: the rows queued behind a stuck key are passed
  // over, not counted. While no ordered delivery is pending (one probe of a partial index, in this
  // same transaction, so none can appear meanwhile) the claim is the unordered one, without that
  // test: unordered subscriptions pay nothing for ordering (docs/ordering.md "Cost").
  //
  // **The scan names its index** (`INDEXED BY deliveries_due`): with migration 004's
  // `deliveries_state_created` there, SQLite's planner took that one for `state = 'pending'`,
  // read every pending row and sorted them — 63 ms per claim at a 200,000-row backlog instead of
  // 5, and a million-row backlog drained at a seventh of its earlier rate (docs/performance.md).
  const select = (ordered: boolean) => prepared(db, claimSql(ordered));
  return db.transaction(() => {
    const rows = select(hasOrderedPending(db)).all({
      now: o.now,
      scan: o.limit * 4,
      exclude: JSON.stringify(o.excludeSubscriptionIds),
      perSubscription: o.perSubscription,
      limit: o.limit,
      maxBytes: o.maxBytes ?? Number.MAX_SAFE_INTEGER,
    }) as ClaimRow[];
    extendLeases(
      db,
      rows.map((r) => r.id),
      o.now + o.leaseMs,
    );
    return claimedFromRows(rows);
  })();
}

/** The claim's statement (see `claimDue`), with the head-of-key test when ordered rows are pending. */
export function claimSql(ordered: boolean): string {
  return `WITH due AS (
       SELECT d.id, d.subscription_id, d.event_id, d.next_attempt_at
       FROM deliveries d INDEXED BY deliveries_due
       WHERE d.state = 'pending' AND d.next_attempt_at <= @now
         AND (d.locked_until IS NULL OR d.locked_until <= @now)
         AND d.subscription_id NOT IN (SELECT value FROM json_each(@exclude))
         AND (SELECT s.status FROM subscriptions s WHERE s.id = d.subscription_id) = 'Active'
         ${ordered ? `AND ${HEAD_OF_KEY}` : ''}
       ORDER BY d.next_attempt_at LIMIT @scan
     ), ranked AS (
       SELECT id, event_id, next_attempt_at,
              row_number() OVER (PARTITION BY subscription_id ORDER BY next_attempt_at) AS rank
       FROM due
     ), chosen AS (
       SELECT id, event_id, next_attempt_at FROM ranked WHERE rank <= @perSubscription
       ORDER BY next_attempt_at LIMIT @limit
     ), firsts AS (
       SELECT id, event_id, next_attempt_at,
              row_number() OVER (PARTITION BY event_id ORDER BY next_attempt_at, id) = 1 AS first_of_event
       FROM chosen
     ), sized AS (
       SELECT f.id, f.event_id, f.first_of_event, f.next_attempt_at,
              CASE WHEN f.first_of_event THEN octet_length(e.body_json) ELSE 0 END AS own_bytes
       FROM firsts f JOIN events e ON e.id = f.event_id
     ), running AS (
       SELECT id, event_id, first_of_event,
              sum(own_bytes) OVER (ORDER BY next_attempt_at, id ROWS UNBOUNDED PRECEDING) - own_bytes AS bytes_before
       FROM sized
     ), budgeted AS (
       SELECT id, first_of_event,
              max(CASE WHEN first_of_event THEN bytes_before END) OVER (PARTITION BY event_id) AS event_bytes_before
       FROM running
     ), taken AS (
       SELECT id, first_of_event FROM budgeted WHERE event_bytes_before < @maxBytes
     )
     SELECT d.*, CASE WHEN c.first_of_event THEN e.body_json END AS body_json,
            e.created_at AS event_created_at, s.address, s.verification_token,
            s.signing_secrets, s.account_id, s.extension_id
     FROM taken c
     JOIN deliveries d ON d.id = c.id
     JOIN subscriptions s ON s.id = d.subscription_id
     JOIN events e ON e.id = d.event_id
     ORDER BY d.next_attempt_at`;
}

// By id, statements below write `+state` so the planner looks the ids up by primary key instead
// of walking every pending row on `deliveries_state_created` (13.7 ms instead of 1.0 for 1,000
// ids at a 200,000-row backlog).

export function releaseClaims(db: Database, ids: string[], notBefore = 0): void {
  prepared(
    db,
    `UPDATE deliveries SET locked_until = NULL, next_attempt_at = max(next_attempt_at, ?)
     WHERE id IN (SELECT value FROM json_each(?)) AND +state = 'pending'`,
  ).run(notBefore, JSON.stringify(ids));
}

export function putOffNeverAttempted(
  db: Database,
  subscriptionId: string,
  until: number,
  now: number,
): number {
  return prepared(
    db,
    `UPDATE deliveries SET next_attempt_at = @until
     WHERE subscription_id = @subscriptionId AND state = 'pending' AND attempts = 0
       AND next_attempt_at < @until AND (locked_until IS NULL OR locked_until <= @now)`,
  ).run({ subscriptionId, until, now }).changes;
}

export function makePutOffDue(db: Database, now: number): number {
  return prepared(
    db,
    `UPDATE deliveries INDEXED BY deliveries_due SET next_attempt_at = @now
     WHERE state = 'pending' AND next_attempt_at > @now AND attempts = 0`,
  ).run({ now }).changes;
}

export function extendLeases(db: Database, ids: string[], until: number): void {
  prepared(
    db,
    `UPDATE deliveries SET locked_until = ?
     WHERE id IN (SELECT value FROM json_each(?)) AND +state = 'pending'`,
  ).run(until, JSON.stringify(ids));
}

export function nextDueAt(db: Database): number | null {
  const row = prepared(
    db,
    `SELECT min(d.next_attempt_at) AS at
     FROM deliveries d INDEXED BY deliveries_due JOIN subscriptions s ON s.id = d.subscription_id
     WHERE d.state = 'pending' AND s.status = 'Active'`,
  ).get() as { at: number | null };
  return row.at;
}
