import type { Pool } from 'pg';
import type { Subscription, SubscriptionStatus } from '../../model.js';
import type { SubscriptionPatch, SubscriptionQuery } from '../store.js';
import { notifySubscriptionsChanged } from './notify-changes.js';
import { prepared } from './prepared.js';
import { type SubscriptionRow, subscriptionFromRow, subscriptionToRow } from './rows.js';
import { inTransaction } from './transaction.js';

const COLUMNS = subscriptionToRow({} as Subscription).map(([column]) => column);
const JSONB = new Set<string>(['event_filters', 'signing_secrets', 'ordering']);
const placeholder = (column: string, i: number) => `$${i + 1}${JSONB.has(column) ? '::jsonb' : ''}`;

const INSERT = `INSERT INTO subscriptions (${COLUMNS.join(', ')})
  VALUES (${COLUMNS.map(placeholder).join(', ')})`;
const UPDATE = `UPDATE subscriptions SET ${COLUMNS.map((c, i) => `${c} = ${placeholder(c, i)}`)
  .slice(1)
  .join(', ')} WHERE id = $1`;

/**
 * Every write to a subscription notifies the other nodes in the same transaction (notify-changes.ts).
 * With a limit, creates for one extension are serialised by a transaction-scoped advisory lock on
 * it, then counted: a row lock cannot serve, the rows that would conflict do not exist yet.
 */
export async function createSubscription(
  pool: Pool,
  s: Subscription,
  limit?: { maxLive: number },
): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    if (limit) {
      await client.query(
        prepared('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `subscriptions-of:${s.accountId}/${s.extensionId}`,
        ]),
      );
      const { rows } = await client.query<{ n: number }>(
        prepared(
          `SELECT count(*)::int AS n FROM subscriptions
           WHERE account_id = $1 AND extension_id = $2 AND status IN ('Active', 'Blacklisted')`,
          [s.accountId, s.extensionId],
        ),
      );
      if ((rows[0]?.n ?? 0) >= limit.maxLive) return false;
    }
    await client.query(
      prepared(
        INSERT,
        subscriptionToRow(s).map(([, value]) => value),
      ),
    );
    await notifySubscriptionsChanged(client, [s.id]);
    return true;
  });
}

export async function getSubscription(pool: Pool, id: string): Promise<Subscription | null> {
  const { rows } = await pool.query<SubscriptionRow>(
    prepared('SELECT * FROM subscriptions WHERE id = $1', [id]),
  );
  return rows[0] ? subscriptionFromRow(rows[0]) : null;
}

export async function listSubscriptions(pool: Pool, q: SubscriptionQuery): Promise<Subscription[]> {
  const { rows } = await pool.query<SubscriptionRow>(
    prepared(
      `SELECT * FROM subscriptions
       WHERE ($1::text IS NULL OR account_id = $1)
         AND ($2::text IS NULL OR extension_id = $2)
         AND ($3::text[] IS NULL OR status = ANY($3))
       ORDER BY created_at, id`,
      [q.accountId ?? null, q.extensionId ?? null, q.statuses ?? null],
    ),
  );
  return rows.map(subscriptionFromRow);
}

export async function countLiveSubscriptions(
  pool: Pool,
  accountId: string,
  extensionId: string,
): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    prepared(
      `SELECT count(*) AS n FROM subscriptions
       WHERE account_id = $1 AND extension_id = $2 AND status IN ('Active', 'Blacklisted')`,
      [accountId, extensionId],
    ),
  );
  return rows[0]?.n ?? 0;
}

/**
 * Writes the patched fields of one subscription; the patch is merged over the stored record, which
 * is locked (FOR UPDATE) meanwhile so two nodes patching different fields both keep their change.
 */
export async function updateSubscription(
  pool: Pool,
  id: string,
  patch: SubscriptionPatch,
  condition?: { onlyIfStatus: SubscriptionStatus[] },
): Promise<Subscription | null> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<SubscriptionRow>(
      prepared('SELECT * FROM subscriptions WHERE id = $1 FOR UPDATE', [id]),
    );
    if (!rows[0]) return null;
    const current = subscriptionFromRow(rows[0]);
    if (condition && !condition.onlyIfStatus.includes(current.status)) return current;
    const next: Subscription = { ...current, ...patch };
    await client.query(
      prepared(
        UPDATE,
        subscriptionToRow(next).map(([, value]) => value),
      ),
    );
    await notifySubscriptionsChanged(client, [id]);
    return next;
  });
}

/** Locks the subscription before its deliveries: the lock order of record-attempts.ts. */
export async function deleteSubscription(pool: Pool, id: string): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const { rowCount: found } = await client.query(
      prepared('SELECT id FROM subscriptions WHERE id = $1 FOR UPDATE', [id]),
    );
    if (!found) return false;
    await client.query(
      prepared(
        'DELETE FROM attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE subscription_id = $1)',
        [id],
      ),
    );
    await client.query(prepared('DELETE FROM deliveries WHERE subscription_id = $1', [id]));
    await client.query(prepared('DELETE FROM subscriptions WHERE id = $1', [id]));
    await notifySubscriptionsChanged(client, [id]);
    return true;
  });
}
