import type { Database } from 'better-sqlite3';
import type { SubscriptionStatus } from '../../model.js';
import type { QueueSummary } from '../delivery-search.js';
import { countDeliveries } from './inspect-deliveries.js';
import { prepared } from './prepared.js';

/** The gauges of one metrics scrape: a few aggregate queries, the due ones on the due index. */
export function queueSummary(db: Database, now: number): QueueSummary {
  const due = prepared(
    db,
    `SELECT (SELECT count(*) FROM deliveries INDEXED BY deliveries_due WHERE state = 'pending' AND retry_step > 0) AS retrying,
            (SELECT min(next_attempt_at) FROM deliveries INDEXED BY deliveries_due WHERE state = 'pending' AND next_attempt_at <= @now)
              AS oldest_due_at`,
  ).get({ now }) as { retrying: number; oldest_due_at: number | null };
  const rows = prepared(
    db,
    'SELECT status, count(*) AS n FROM subscriptions GROUP BY status',
  ).all() as Array<{
    status: SubscriptionStatus;
    n: number;
  }>;
  const subscriptions: Record<SubscriptionStatus, number> = { Active: 0, Blacklisted: 0, Expired: 0 };
  for (const r of rows) subscriptions[r.status] = r.n;
  return {
    deliveries: countDeliveries(db, undefined),
    retrying: due.retrying,
    oldestDueAt: due.oldest_due_at,
    subscriptions,
  };
}
