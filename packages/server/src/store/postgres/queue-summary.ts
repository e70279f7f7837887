import type { Pool } from 'pg';
import type { SubscriptionStatus } from '../../model.js';
import type { QueueSummary } from '../delivery-search.js';
import { countDeliveries } from './inspect-deliveries.js';
import { prepared } from './prepared.js';

/** The gauges of one metrics scrape: a few aggregate queries, the due ones on the due index. */
export async function queueSummary(pool: Pool, now: number): Promise<QueueSummary> {
  const [due, statuses, deliveries] = await Promise.all([
    pool.query<{ retrying: number; oldest_due_at: number | null }>(
      prepared(
        `SELECT (SELECT count(*) FROM deliveries WHERE state = 'pending' AND retry_step > 0) AS retrying,
                (SELECT min(next_attempt_at) FROM deliveries WHERE state = 'pending' AND next_attempt_at <= $1)
                  AS oldest_due_at`,
        [now],
      ),
    ),
    pool.query<{ status: SubscriptionStatus; n: number }>(
      prepared('SELECT status, count(*) AS n FROM subscriptions GROUP BY status'),
    ),
    countDeliveries(pool, undefined),
  ]);
  const subscriptions: Record<SubscriptionStatus, number> = { Active: 0, Blacklisted: 0, Expired: 0 };
  for (const r of statuses.rows) subscriptions[r.status] = r.n;
  return {
    deliveries,
    retrying: due.rows[0]?.retrying ?? 0,
    oldestDueAt: due.rows[0]?.oldest_due_at ?? null,
    subscriptions,
  };
}
