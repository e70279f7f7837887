import type { Database } from 'better-sqlite3';
import type { Delivery } from '../../model.js';
import { prepared } from './prepared.js';
import { type DeliveryRow, deliveryFromRow } from './rows.js';

/**
 * Queues one delivery again with the same uuid. A delivery that is still pending keeps its lease
 * (it may be in flight right now) and is only made due now; others restart the retry schedule.
 */
export function redeliver(db: Database, id: string, now: number): Delivery | null {
  const row = prepared(
    db,
    `UPDATE deliveries SET
       retry_step = CASE WHEN state = 'pending' THEN retry_step ELSE 0 END,
       next_attempt_at = CASE WHEN state = 'pending' THEN min(next_attempt_at, @now) ELSE @now END,
       locked_until = CASE WHEN state = 'pending' THEN locked_until ELSE NULL END,
       state = 'pending', updated_at = @now
     WHERE id = @id RETURNING *`,
  ).get({ id, now }) as DeliveryRow | undefined;
  return row ? deliveryFromRow(row) : null;
}

export function recoverDeliveries(db: Database, subscriptionId: string, since: number, now: number): number {
  return prepared(
    db,
    `UPDATE deliveries SET state = 'pending', retry_step = 0, next_attempt_at = @now, locked_until = NULL,
       updated_at = @now
     WHERE subscription_id = @subscriptionId AND state IN ('dead', 'expired') AND created_at >= @since`,
  ).run({ subscriptionId, since, now }).changes;
}
