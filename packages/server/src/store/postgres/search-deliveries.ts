import type { Pool, QueryResultRow } from 'pg';
import type { Delivery, EventRecord } from '../../model.js';
import type { DeliverySearch, EventSearch } from '../delivery-search.js';
import { type Bind, deliveryConditions, eventConditions, whereClause } from '../search-conditions.js';
import { notifyDeliveries } from './notify-changes.js';
import { prepared } from './prepared.js';
import { type DeliveryRow, deliveryFromRow, type EventRow, eventFromRow } from './rows.js';
import { inTransaction } from './transaction.js';

/**
 * Positional parameters `$1…`, typed: PostgreSQL cannot infer a type for a bare parameter inside
 * `length()` or a row comparison, and the casts keep every statement's plan stable.
 */
function binder(): { bind: Bind; values: unknown[] } {
  const values: unknown[] = [];
  const bind: Bind = (value) => {
    values.push(value);
    return `$${values.length}::${typeof value === 'number' ? 'bigint' : 'text'}`;
  };
  return { bind, values };
}

/** Newest first by (created_at, id), after the cursor; the caller's scope always applies. */
export async function searchDeliveries(pool: Pool, q: DeliverySearch): Promise<Delivery[]> {
  const rows = await newestFirst<DeliveryRow>(
    pool,
    'deliveries d',
    (bind) => deliveryConditions(q, bind),
    q.limit,
  );
  return rows.map(deliveryFromRow);
}

export async function searchEvents(pool: Pool, q: EventSearch): Promise<EventRecord[]> {
  const rows = await newestFirst<EventRow>(pool, 'events e', (bind) => eventConditions(q, bind), q.limit);
  return rows.map(eventFromRow);
}

/** `SELECT` from `table` (with its one-letter alias) what the conditions keep, newest first. */
async function newestFirst<R extends QueryResultRow>(
  pool: Pool,
  table: 'deliveries d' | 'events e',
  conditions: (bind: Bind) => string[],
  limit: number,
): Promise<R[]> {
  const { bind, values } = binder();
  const where = whereClause(conditions(bind));
  const alias = table.slice(-1);
  const { rows } = await pool.query<R>(
    prepared(
      `SELECT ${alias}.* FROM ${table} ${where} ORDER BY ${alias}.created_at DESC, ${alias}.id DESC LIMIT ${bind(limit)}`,
      values,
    ),
  );
  return rows;
}

/**
 * Queues again, with the same uuid and a fresh retry schedule, at most `q.limit` of the dead or
 * expired deliveries the search matches; pending and delivered ones are never touched, so running
 * it twice requeues nothing the second time. Returns how many. Wakes every node when it did.
 */
export async function redeliverMatching(pool: Pool, q: DeliverySearch, now: number): Promise<number> {
  const states = (q.states ?? ['dead', 'expired']).filter((s) => s === 'dead' || s === 'expired');
  if (states.length === 0) return 0;
  const { bind, values } = binder();
  const where = whereClause(deliveryConditions({ ...q, states }, bind));
  const at = bind(now);
  return inTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      prepared(
        `UPDATE deliveries SET state = 'pending', retry_step = 0, next_attempt_at = ${at}, locked_until = NULL,
           updated_at = ${at}
         WHERE id IN (SELECT d.id FROM deliveries d ${where}
                      ORDER BY d.created_at DESC, d.id DESC LIMIT ${bind(q.limit)} FOR UPDATE SKIP LOCKED)`,
        values,
      ),
    );
    if (rowCount) await notifyDeliveries(client);
    return rowCount ?? 0;
  });
}
