import type { Pool } from 'pg';
import type { Delivery } from '../../model.js';
import { notifyDeliveries } from './notify-changes.js';
import { prepared } from './prepared.js';
import { type DeliveryRow, deliveryFromRow } from './rows.js';
import { inTransaction } from './transaction.js';

/**
 * Queues one delivery again with the same uuid. A delivery that is still pending keeps its lease
 * (it may be in flight right now) and is only made due now; others restart the retry schedule.
 */
export async function redeliver(pool: Pool, id: string, now: number): Promise<Delivery | null> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<DeliveryRow>(
      prepared(
        `UPDATE deliveries SET
           retry_step = CASE WHEN state = 'pending' THEN retry_step ELSE 0 END,
           next_attempt_at = CASE WHEN state = 'pending' THEN least(next_attempt_at, $2) ELSE $2 END,
           locked_until = CASE WHEN state = 'pending' THEN locked_until ELSE NULL END,
           state = 'pending', updated_at = $2
         WHERE id = $1 RETURNING *`,
        [id, now],
      ),
    );
    if (!rows[0]) return null;
    await notifyDeliveries(client);
    return deliveryFromRow(rows[0]);
  });
}

export async function recoverDeliveries(
  pool: Pool,
  subscriptionId: string,
  since: number,
  now: number,
): Promise<number> {
  return inTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      prepared(
        `UPDATE deliveries SET state = 'pending', retry_step = 0, next_attempt_at = $3, locked_until = NULL,
           updated_at = $3
         WHERE subscription_id = $1 AND state IN ('dead', 'expired') AND created_at >= $2`,
        [subscriptionId, since, now],
      ),
    );
    if (rowCount) await notifyDeliveries(client);
    return rowCount ?? 0;
  });
}
