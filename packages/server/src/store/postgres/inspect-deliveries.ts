import type { Pool } from 'pg';
import type { Attempt, Delivery, DeliveryState } from '../../model.js';
import type { DeliveryQuery } from '../store.js';
import { prepared } from './prepared.js';
import { type AttemptRow, attemptFromRow, type DeliveryRow, deliveryFromRow } from './rows.js';

export async function getDelivery(pool: Pool, id: string): Promise<Delivery | null> {
  const { rows } = await pool.query<DeliveryRow>(prepared('SELECT * FROM deliveries WHERE id = $1', [id]));
  return rows[0] ? deliveryFromRow(rows[0]) : null;
}

/** Newest first; `beforeId` pages backwards from a delivery. */
export async function listDeliveries(pool: Pool, q: DeliveryQuery): Promise<Delivery[]> {
  const { rows } = await pool.query<DeliveryRow>(
    prepared(
      `SELECT * FROM deliveries
       WHERE ($1::text IS NULL OR subscription_id = $1)
         AND ($2::text IS NULL OR event_id = $2)
         AND ($3::text[] IS NULL OR state = ANY($3))
         AND ($4::text IS NULL OR (created_at, id) < (SELECT created_at, id FROM deliveries WHERE id = $4))
       ORDER BY created_at DESC, id DESC LIMIT $5`,
      [q.subscriptionId ?? null, q.eventId ?? null, q.states ?? null, q.beforeId ?? null, q.limit],
    ),
  );
  return rows.map(deliveryFromRow);
}

export async function listAttempts(pool: Pool, deliveryId: string): Promise<Attempt[]> {
  const { rows } = await pool.query<AttemptRow>(
    prepared('SELECT * FROM attempts WHERE delivery_id = $1 ORDER BY attempt_no', [deliveryId]),
  );
  return rows.map(attemptFromRow);
}

export async function countDeliveries(
  pool: Pool,
  subscriptionId: string | undefined,
): Promise<Record<DeliveryState, number>> {
  // As in SQLite, one statement each: a generic plan for `$1 IS NULL OR …` reads every delivery.
  const { rows } = await pool.query<{ state: DeliveryState; n: number }>(
    subscriptionId === undefined
      ? prepared('SELECT state, count(*) AS n FROM deliveries GROUP BY state', [])
      : prepared('SELECT state, count(*) AS n FROM deliveries WHERE subscription_id = $1 GROUP BY state', [
          subscriptionId,
        ]),
  );
  const counts: Record<DeliveryState, number> = { pending: 0, delivered: 0, dead: 0, expired: 0 };
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}
