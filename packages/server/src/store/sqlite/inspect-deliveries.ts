import type { Database } from 'better-sqlite3';
import type { Attempt, Delivery, DeliveryState } from '../../model.js';
import type { DeliveryQuery } from '../store.js';
import { prepared } from './prepared.js';
import { type AttemptRow, attemptFromRow, type DeliveryRow, deliveryFromRow } from './rows.js';

export function getDelivery(db: Database, id: string): Delivery | null {
  const row = prepared(db, 'SELECT * FROM deliveries WHERE id = ?').get(id) as DeliveryRow | undefined;
  return row ? deliveryFromRow(row) : null;
}

/** Newest first; `beforeId` pages backwards from a delivery. */
export function listDeliveries(db: Database, q: DeliveryQuery): Delivery[] {
  const rows = prepared(
    db,
    `SELECT * FROM deliveries
     WHERE (@subscriptionId IS NULL OR subscription_id = @subscriptionId)
       AND (@eventId IS NULL OR event_id = @eventId)
       AND (@states IS NULL OR state IN (SELECT value FROM json_each(@states)))
       AND (@beforeId IS NULL OR (created_at, id) < (SELECT created_at, id FROM deliveries WHERE id = @beforeId))
     ORDER BY created_at DESC, id DESC LIMIT @limit`,
  ).all({
    subscriptionId: q.subscriptionId ?? null,
    eventId: q.eventId ?? null,
    states: q.states ? JSON.stringify(q.states) : null,
    beforeId: q.beforeId ?? null,
    limit: q.limit,
  }) as DeliveryRow[];
  return rows.map(deliveryFromRow);
}

export function listAttempts(db: Database, deliveryId: string): Attempt[] {
  const rows = prepared(db, 'SELECT * FROM attempts WHERE delivery_id = ? ORDER BY attempt_no').all(
    deliveryId,
  ) as AttemptRow[];
  return rows.map(attemptFromRow);
}

export function countDeliveries(
  db: Database,
  subscriptionId: string | undefined,
): Record<DeliveryState, number> {
  // Two statements, not one with `@id IS NULL OR …`: that one cannot use the subscription's index,
  // and counting one subscription read every delivery (280–347 ms at 1,000,000, for each
  // subscription on the dashboard's overview; docs/performance.md "Tenth round").
  const rows = (
    subscriptionId === undefined
      ? prepared(db, 'SELECT state, count(*) AS n FROM deliveries GROUP BY state').all()
      : prepared(
          db,
          'SELECT state, count(*) AS n FROM deliveries WHERE subscription_id = ? GROUP BY state',
        ).all(subscriptionId)
  ) as Array<{ state: DeliveryState; n: number }>;
  const counts: Record<DeliveryState, number> = { pending: 0, delivered: 0, dead: 0, expired: 0 };
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}
