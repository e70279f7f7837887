import type { Database } from 'better-sqlite3';
import type { Delivery, EventRecord } from '../../model.js';
import type { DeliverySearch, EventSearch } from '../delivery-search.js';
import { type Bind, deliveryConditions, eventConditions, whereClause } from '../search-conditions.js';
import { prepared } from './prepared.js';
import { type DeliveryRow, deliveryFromRow, type EventRow, eventFromRow } from './rows.js';

/** Named parameters `@p1…`, collected into the object better-sqlite3 binds. */
function binder(): { bind: Bind; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  let n = 0;
  const bind: Bind = (value) => {
    n += 1;
    params[`p${n}`] = value;
    return `@p${n}`;
  };
  return { bind, params };
}

/** Newest first by (created_at, id), after the cursor; the caller's scope always applies. */
export function searchDeliveries(db: Database, q: DeliverySearch): Delivery[] {
  return newestFirst<DeliveryRow>(db, 'deliveries d', (bind) => deliveryConditions(q, bind), q.limit).map(
    deliveryFromRow,
  );
}

export function searchEvents(db: Database, q: EventSearch): EventRecord[] {
  return newestFirst<EventRow>(db, 'events e', (bind) => eventConditions(q, bind), q.limit).map(eventFromRow);
}

/** `SELECT` from `table` (with its one-letter alias) what the conditions keep, newest first. */
function newestFirst<R>(
  db: Database,
  table: 'deliveries d' | 'events e',
  conditions: (bind: Bind) => string[],
  limit: number,
): R[] {
  const { bind, params } = binder();
  const where = whereClause(conditions(bind));
  const alias = table.slice(-1);
  return prepared(
    db,
    `SELECT ${alias}.* FROM ${table} ${where} ORDER BY ${alias}.created_at DESC, ${alias}.id DESC LIMIT ${bind(limit)}`,
  ).all(params) as R[];
}

/**
 * Queues again, with the same uuid and a fresh retry schedule, at most `q.limit` of the dead or
 * expired deliveries the search matches (whatever `q.states` asks, pending and delivered ones are
 * never touched, so running it twice requeues nothing the second time). Returns how many.
 */
export function redeliverMatching(db: Database, q: DeliverySearch, now: number): number {
  const states = (q.states ?? ['dead', 'expired']).filter((s) => s === 'dead' || s === 'expired');
  if (states.length === 0) return 0;
  const { bind, params } = binder();
  const where = whereClause(deliveryConditions({ ...q, states }, bind));
  const at = bind(now);
  return prepared(
    db,
    `UPDATE deliveries SET state = 'pending', retry_step = 0, next_attempt_at = ${at}, locked_until = NULL,
       updated_at = ${at}
     WHERE id IN (SELECT d.id FROM deliveries d ${where}
                  ORDER BY d.created_at DESC, d.id DESC LIMIT ${bind(q.limit)})`,
  ).run(params).changes;
}
