import type { Database } from 'better-sqlite3';
import type { Subscription } from '../../model.js';
import { prepared } from './prepared.js';
import { type SubscriptionRow, subscriptionFromRow } from './rows.js';

/** Subscriptions past expiresAt stop receiving; their queued deliveries become `expired` (visible, redeliverable). */
export function expireSubscriptions(db: Database, now: number): Subscription[] {
  return db.transaction(() => {
    const rows = prepared(
      db,
      `UPDATE subscriptions SET status = 'Expired', updated_at = @now
       WHERE status IN ('Active', 'Blacklisted') AND expires_at <= @now RETURNING *`,
    ).all({ now }) as SubscriptionRow[];
    const expire = prepared(
      db,
      `UPDATE deliveries SET state = 'expired', locked_until = NULL, updated_at = @now
       WHERE subscription_id = @id AND state = 'pending'`,
    );
    for (const r of rows) expire.run({ id: r.id, now });
    return rows.map(subscriptionFromRow);
  })();
}

export function purgeExpiredSubscriptions(db: Database, before: number): number {
  return db.transaction(() => {
    const ids = (
      prepared(db, `SELECT id FROM subscriptions WHERE status = 'Expired' AND expires_at < ?`).all(
        before,
      ) as Array<{
        id: string;
      }>
    ).map((r) => r.id);
    const json = JSON.stringify(ids);
    prepared(
      db,
      `DELETE FROM attempts WHERE delivery_id IN
         (SELECT id FROM deliveries WHERE subscription_id IN (SELECT value FROM json_each(?)))`,
    ).run(json);
    prepared(db, 'DELETE FROM deliveries WHERE subscription_id IN (SELECT value FROM json_each(?))').run(
      json,
    );
    return prepared(db, 'DELETE FROM subscriptions WHERE id IN (SELECT value FROM json_each(?))').run(json)
      .changes;
  })();
}

/**
 * Due a reminder: Active, a reminder filter, at most `threshold` seconds left, and no reminder yet
 * in this window — none since the threshold was crossed, or the last one `interval` seconds ago.
 */
export function claimReminders(db: Database, now: number): Subscription[] {
  const rows = prepared(
    db,
    `UPDATE subscriptions SET last_reminder_at = @now
     WHERE status = 'Active' AND reminder_threshold IS NOT NULL AND expires_at > @now
       AND expires_at - @now <= reminder_threshold * 1000
       AND (last_reminder_at IS NULL
            OR last_reminder_at < expires_at - reminder_threshold * 1000
            OR last_reminder_at + reminder_interval * 1000 <= @now)
     RETURNING *`,
  ).all({ now }) as SubscriptionRow[];
  return rows.map(subscriptionFromRow);
}

export function claimProbes(db: Database, now: number, nextProbeAt: number): Subscription[] {
  const rows = prepared(
    db,
    `UPDATE subscriptions SET next_probe_at = @next
     WHERE status = 'Blacklisted' AND probe_enabled = 1 AND next_probe_at IS NOT NULL AND next_probe_at <= @now
     RETURNING *`,
  ).all({ now, next: nextProbeAt }) as SubscriptionRow[];
  return rows.map(subscriptionFromRow);
}

export function expireBacklog(db: Database, before: number, now: number): number {
  return prepared(
    db,
    `UPDATE deliveries SET state = 'expired', locked_until = NULL, updated_at = @now,
       last_error = coalesce(last_error, 'Not delivered within the backlog retention')
     WHERE state = 'pending' AND created_at < @before AND (locked_until IS NULL OR locked_until <= @now)`,
  ).run({ before, now }).changes;
}

/**
 * Deletes delivered rows (and their attempts, and events left without deliveries) older than
 * `before`. Both delivered-row statements name `deliveries_delivered`: left to itself the planner
 * took `deliveries_state_created` for `state = 'delivered'` and read every delivered row still
 * kept, on every scheduler tick (docs/performance.md "Tenth round").
 */
export function pruneDelivered(db: Database, before: number): number {
  return db.transaction(() => {
    prepared(
      db,
      `DELETE FROM attempts WHERE delivery_id IN
         (SELECT id FROM deliveries INDEXED BY deliveries_delivered WHERE state = 'delivered' AND updated_at < ?)`,
    ).run(before);
    const n = prepared(
      db,
      `DELETE FROM deliveries INDEXED BY deliveries_delivered WHERE state = 'delivered' AND updated_at < ?`,
    ).run(before).changes;
    prepared(
      db,
      `DELETE FROM events WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.id)`,
    ).run(before);
    return n;
  })();
}
