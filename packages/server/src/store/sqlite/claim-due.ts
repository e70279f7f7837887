import type { Database } from 'better-sqlite3';
import { type DeliveryRow, deliveryFromRow } from '../record-rows.js';
import type { ClaimedDelivery, ClaimOptions } from '../store.js';
import { HEAD_OF_KEY, hasOrderedPending } from './ordering-keys.js';
import { prepared } from './prepared.js';
import { sendTargets } from './send-targets.js';

/**
 * Leases due deliveries: pending, due, not leased (or lease ran out), subscription Active and not
 * saturated on this node, and for an ordered subscription the head of its key. At most
 * `perSubscription` per subscription, so one busy subscription cannot fill a claim and starve the
 * others (docs/architecture.md "Isolation").
 *
 * SQLite has one writer, so the select and the lease update run in one transaction and no other
 * claimer can interleave; Postgres does the same with FOR UPDATE SKIP LOCKED.
 */
export function claimDue(db: Database, o: ClaimOptions): ClaimedDelivery[] {
  // **The claim is three small reads in one transaction, not one statement.** It was one SELECT
  // of eight window-function CTEs and three joins: 4.1 ms for 256 rows of a 50,000-row backlog,
  // the largest store cost of a fan-out 10 delivery (49.9 µs of 113, bench/scenarios/store-phases.ts;
  // docs/performance.md "Fifth round"). Now: the due index is walked alone, with no table read,
  // only as far as the claim needs (`dueRowids`); the chosen rows are read by rowid; each event's
  // body and each subscription's target once. Rowids never leave this transaction (a VACUUM may
  // renumber them).
  //
  // **Saturated and non-Active subscriptions are filtered INSIDE the scan.** Filtered after it,
  // the oldest due rows — a hanging receiver's, never claimable while it is at its cap — filled
  // the whole window and healthy subscriptions starved (the isolation benchmark stalled at 9,774
  // of 36,000 deliveries). The Postgres claim does the same.
  //
  // **Bytes are bounded, not only rows** (docs/reliability.md "Memory bounded in bytes"): each
  // event's body is counted once, on its first row, and read only if the bodies before it stay
  // under `maxBytes`. Thirty deliveries of one 5 MB event bring 5 MB into memory, not 150.
  //
  // **Ordered deliveries are claimed only at the head of their key** (HEAD_OF_KEY, docs/ordering.md),
  // inside the scan for the same reason as above: the rows queued behind a stuck key are passed
  // over, not counted. While no ordered delivery is pending (one probe of a partial index, in this
  // same transaction, so none can appear meanwhile) the scan is the unordered one, without that
  // test: unordered subscriptions pay nothing for ordering (docs/ordering.md "Cost").
  return db.transaction(() => {
    const chosen = dueRowids(db, o);
    if (chosen.length === 0) return [];
    const rows = deliveriesByRowid(db, chosen);
    const bodies = bodiesWithin(db, rows, o.maxBytes ?? Number.MAX_SAFE_INTEGER);
    // Each subscription's target read once; the scan took Active ones only, in this transaction.
    const targets = sendTargets(db);
    const taken = rows.filter((r) => bodies.has(r.event_id) && targets(r.subscription_id) !== null);
    prepared(
      db,
      `UPDATE deliveries SET locked_until = ? WHERE rowid IN (SELECT value FROM json_each(?)) AND +state = 'pending'`,
    ).run(o.now + o.leaseMs, JSON.stringify(taken.map((r) => r.rowid)));
    return taken.map((r) => ({
      delivery: deliveryFromRow(r),
      event: bodies.get(r.event_id) as ClaimedDelivery['event'],
      subscription: targets(r.subscription_id) as ClaimedDelivery['subscription'],
    }));
  })();
}

/**
 * The due index walked in due order, alone: rowid and subscription are in it, so no row of the
 * table is read (unless ordered rows are pending: the head-of-key test reads their key). It stops
 * once `limit` rows are chosen, at most `perSubscription` of each subscription, or after
 * `limit * 4` rows, so one subscription's backlog cannot make a claim read it all.
 */
function dueRowids(db: Database, o: ClaimOptions): number[] {
  const scan = prepared(db, dueScanSql(hasOrderedPending(db))).raw(true);
  const chosenOf = new Map<string, number>();
  const chosen: number[] = [];
  const rows = scan.iterate({
    now: o.now,
    scan: o.limit * 4,
    exclude: JSON.stringify(o.excludeSubscriptionIds),
  }) as IterableIterator<[number, string]>;
  for (const [rowid, subscriptionId] of rows) {
    const count = chosenOf.get(subscriptionId) ?? 0;
    if (count >= o.perSubscription) continue;
    chosenOf.set(subscriptionId, count + 1);
    chosen.push(rowid);
    if (chosen.length >= o.limit) break; // ends the walk: the iterator is closed
  }
  return chosen;
}

/**
 * The claim's walk of the due index (see `claimDue`), with the head-of-key test when ordered rows
 * are pending. **It names its index**: with migration 004's `deliveries_state_created` there,
 * SQLite's planner took that one for `state = 'pending'`, read every pending row and sorted them
 * (63 ms per claim at a 200,000-row backlog instead of 5; docs/performance.md).
 */
export function dueScanSql(ordered: boolean): string {
  return `SELECT d.rowid, d.subscription_id
     FROM deliveries d INDEXED BY deliveries_due
     WHERE d.state = 'pending' AND d.next_attempt_at <= @now
       AND (d.locked_until IS NULL OR d.locked_until <= @now)
       AND d.subscription_id NOT IN (SELECT value FROM json_each(@exclude))
       AND (SELECT s.status FROM subscriptions s WHERE s.id = d.subscription_id) = 'Active'
       ${ordered ? `AND ${HEAD_OF_KEY}` : ''}
     ORDER BY d.next_attempt_at LIMIT @scan`;
}

type ClaimedRow = DeliveryRow & { rowid: number };

/** The chosen deliveries' columns, in the order chosen. */
function deliveriesByRowid(db: Database, rowids: number[]): ClaimedRow[] {
  const rows = prepared(
    db,
    `SELECT rowid, id, uuid, event_id, subscription_id, filter, state, attempts, retry_step, next_attempt_at,
       created_at, updated_at, last_status, last_error, ordering_key
     FROM deliveries WHERE rowid IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(rowids)) as ClaimedRow[];
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  return rowids.flatMap((rowid) => byRowid.get(rowid) ?? []);
}

/**
 * Each event's body once, in the order of the events' first rows, while the bodies before it add
 * up to less than `maxBytes` (so the first is always read, however large). Events past that are
 * left out, and their deliveries with them. Sizes are read first, so a body past the budget is
 * never brought into memory; two statements however many events.
 */
function bodiesWithin(
  db: Database,
  rows: ClaimedRow[],
  maxBytes: number,
): Map<string, ClaimedDelivery['event']> {
  const ids = [...new Set(rows.map((r) => r.event_id))];
  const sizes = prepared(
    db,
    'SELECT id, octet_length(body_json) AS bytes FROM events WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids)) as Array<{ id: string; bytes: number }>;
  const bytesOf = new Map(sizes.map((s) => [s.id, s.bytes]));
  const within: string[] = [];
  let bytes = 0;
  for (const id of ids) {
    const size = bytesOf.get(id);
    if (size === undefined) continue;
    if (bytes >= maxBytes) break;
    within.push(id);
    bytes += size;
  }
  const events = prepared(
    db,
    'SELECT id, body_json AS bodyJson, created_at AS createdAt FROM events WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(within)) as Array<ClaimedDelivery['event']>;
  return new Map(events.map((e) => [e.id, e]));
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
