import type { Pool, PoolClient } from 'pg';
import type { Subscription } from '../../model.js';
import { notifySubscriptionsChanged } from './notify-changes.js';
import { prepared } from './prepared.js';
import { type SubscriptionRow, subscriptionFromRow } from './rows.js';
import { inTransaction } from './transaction.js';

/**
 * The background jobs run on every node (scheduler.ts), so each one here is safe to run twice at
 * once and never does its work twice:
 *
 * - per-row claims (expiry, reminders, probes) select their rows `FOR UPDATE SKIP LOCKED` and
 *   stamp them in the same `UPDATE … RETURNING`: a row is returned to exactly one node, because a
 *   second node either skips it while it is locked or, once committed, re-checks it under the lock
 *   and finds it no longer due (READ COMMITTED re-evaluates the WHERE on the new row version);
 * - bulk clean-ups (purge, prune) take a transaction-scoped advisory lock and are skipped by
 *   the other nodes while one runs: doing them twice would be harmless, only wasted work.
 *
 * Lock order is subscriptions before deliveries, as in record-attempts.ts.
 */
const PURGE_LOCK = 2;
const PRUNE_LOCK = 3;

async function tryJobLock(client: PoolClient, key: number): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>(
    prepared(`SELECT pg_try_advisory_xact_lock(hashtext(coalesce(current_schema(), '')), $1) AS locked`, [
      key,
    ]),
  );
  return rows[0]?.locked === true;
}

/** Subscriptions past expiresAt stop receiving; their queued deliveries become `expired` (visible, redeliverable). */
export async function expireSubscriptions(pool: Pool, now: number): Promise<Subscription[]> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<SubscriptionRow>(
      prepared(
        `UPDATE subscriptions SET status = 'Expired', updated_at = $1
         WHERE id IN (SELECT id FROM subscriptions
                      WHERE status IN ('Active', 'Blacklisted') AND expires_at <= $1
                      ORDER BY id FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [now],
      ),
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await client.query(
      prepared(
        `UPDATE deliveries SET state = 'expired', locked_until = NULL, updated_at = $2
         WHERE subscription_id = ANY($1::text[]) AND state = 'pending'`,
        [ids, now],
      ),
    );
    await notifySubscriptionsChanged(client, ids);
    return rows.map(subscriptionFromRow);
  });
}

export async function purgeExpiredSubscriptions(pool: Pool, before: number): Promise<number> {
  return inTransaction(pool, async (client) => {
    if (!(await tryJobLock(client, PURGE_LOCK))) return 0;
    const { rows } = await client.query<{ id: string }>(
      prepared(
        `SELECT id FROM subscriptions WHERE status = 'Expired' AND expires_at < $1 ORDER BY id FOR UPDATE`,
        [before],
      ),
    );
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    await client.query(
      prepared(
        `DELETE FROM attempts WHERE delivery_id IN
           (SELECT id FROM deliveries WHERE subscription_id = ANY($1::text[]))`,
        [ids],
      ),
    );
    await client.query(prepared('DELETE FROM deliveries WHERE subscription_id = ANY($1::text[])', [ids]));
    const { rowCount } = await client.query(
      prepared('DELETE FROM subscriptions WHERE id = ANY($1::text[])', [ids]),
    );
    return rowCount ?? 0;
  });
}

/**
 * Due a reminder: Active, a reminder filter, at most `threshold` seconds left, and no reminder yet
 * in this window — none since the threshold was crossed, or the last one `interval` seconds ago.
 * Stamping lastReminderAt is the claim: two nodes never send the same reminder.
 */
export async function claimReminders(pool: Pool, now: number): Promise<Subscription[]> {
  const { rows } = await pool.query<SubscriptionRow>(
    prepared(
      `UPDATE subscriptions SET last_reminder_at = $1
       WHERE id IN (
         SELECT id FROM subscriptions
         WHERE status = 'Active' AND reminder_threshold IS NOT NULL AND expires_at > $1
           AND expires_at - $1 <= reminder_threshold * 1000::bigint
           AND (last_reminder_at IS NULL
                OR last_reminder_at < expires_at - reminder_threshold * 1000::bigint
                OR last_reminder_at + reminder_interval * 1000::bigint <= $1)
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [now],
    ),
  );
  return rows.map(subscriptionFromRow);
}

export async function claimProbes(pool: Pool, now: number, nextProbeAt: number): Promise<Subscription[]> {
  const { rows } = await pool.query<SubscriptionRow>(
    prepared(
      `UPDATE subscriptions SET next_probe_at = $2
       WHERE id IN (
         SELECT id FROM subscriptions
         WHERE status = 'Blacklisted' AND probe_enabled AND next_probe_at IS NOT NULL AND next_probe_at <= $1
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [now, nextProbeAt],
    ),
  );
  return rows.map(subscriptionFromRow);
}

/** Rows leased or locked right now are left for the next run: they may be in flight. */
export async function expireBacklog(pool: Pool, before: number, now: number): Promise<number> {
  const { rowCount } = await pool.query(
    prepared(
      `UPDATE deliveries SET state = 'expired', locked_until = NULL, updated_at = $2,
         last_error = coalesce(last_error, 'Not delivered within the backlog retention')
       WHERE id IN (
         SELECT id FROM deliveries
         WHERE state = 'pending' AND created_at < $1 AND (locked_until IS NULL OR locked_until <= $2)
         FOR UPDATE SKIP LOCKED)`,
      [before, now],
    ),
  );
  return rowCount ?? 0;
}

export async function pruneDelivered(pool: Pool, before: number): Promise<number> {
  return inTransaction(pool, async (client) => {
    if (!(await tryJobLock(client, PRUNE_LOCK))) return 0;
    await client.query(
      prepared(
        `DELETE FROM attempts WHERE delivery_id IN
           (SELECT id FROM deliveries WHERE state = 'delivered' AND updated_at < $1)`,
        [before],
      ),
    );
    const { rowCount } = await client.query(
      prepared(`DELETE FROM deliveries WHERE state = 'delivered' AND updated_at < $1`, [before]),
    );
    await client.query(
      prepared(
        `DELETE FROM events WHERE created_at < $1
           AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.id)`,
        [before],
      ),
    );
    return rowCount ?? 0;
  });
}
