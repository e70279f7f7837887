import type { Database } from 'better-sqlite3';
import type { Subscription, SubscriptionStatus } from '../../model.js';
import type { SubscriptionPatch, SubscriptionQuery } from '../store.js';
import { prepared } from './prepared.js';
import { type SubscriptionRow, subscriptionFromRow, subscriptionToRow } from './rows.js';

const COLUMNS = Object.keys(subscriptionToRow({} as Subscription)) as Array<keyof SubscriptionRow>;

/** One transaction: SQLite has one writer at a time, so the count cannot go stale before the insert. */
export function createSubscription(db: Database, s: Subscription, limit?: { maxLive: number }): boolean {
  return db.transaction(() => {
    if (limit && countLiveSubscriptions(db, s.accountId, s.extensionId) >= limit.maxLive) return false;
    prepared(
      db,
      `INSERT INTO subscriptions (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
    ).run(subscriptionToRow(s));
    return true;
  })();
}

export function getSubscription(db: Database, id: string): Subscription | null {
  const row = prepared(db, 'SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined;
  return row ? subscriptionFromRow(row) : null;
}

export function listSubscriptions(db: Database, q: SubscriptionQuery): Subscription[] {
  const rows = prepared(
    db,
    `SELECT * FROM subscriptions
     WHERE (@accountId IS NULL OR account_id = @accountId)
       AND (@extensionId IS NULL OR extension_id = @extensionId)
       AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
     ORDER BY created_at, id`,
  ).all({
    accountId: q.accountId ?? null,
    extensionId: q.extensionId ?? null,
    statuses: q.statuses ? JSON.stringify(q.statuses) : null,
  }) as SubscriptionRow[];
  return rows.map(subscriptionFromRow);
}

export function countLiveSubscriptions(db: Database, accountId: string, extensionId: string): number {
  return (
    prepared(
      db,
      `SELECT count(*) AS n FROM subscriptions
       WHERE account_id = ? AND extension_id = ? AND status IN ('Active', 'Blacklisted')`,
    ).get(accountId, extensionId) as { n: number }
  ).n;
}

/** Writes the patched fields of one subscription; the patch is merged over the stored record. */
export function updateSubscription(
  db: Database,
  id: string,
  patch: SubscriptionPatch,
  condition?: { onlyIfStatus: SubscriptionStatus[] },
): Subscription | null {
  return db.transaction(() => {
    const current = getSubscription(db, id);
    if (!current) return null;
    if (condition && !condition.onlyIfStatus.includes(current.status)) return current;
    const next: Subscription = { ...current, ...patch };
    const row = subscriptionToRow(next);
    const sets = COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = @${c}`);
    prepared(db, `UPDATE subscriptions SET ${sets.join(', ')} WHERE id = @id`).run(row);
    return next;
  })();
}

export function deleteSubscription(db: Database, id: string): boolean {
  return db.transaction(() => {
    prepared(
      db,
      'DELETE FROM attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE subscription_id = ?)',
    ).run(id);
    prepared(db, 'DELETE FROM deliveries WHERE subscription_id = ?').run(id);
    return prepared(db, 'DELETE FROM subscriptions WHERE id = ?').run(id).changes > 0;
  })();
}
