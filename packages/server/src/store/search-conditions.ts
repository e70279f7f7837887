import type { DeliverySearch, EventSearch } from './delivery-search.js';

/** Adds a bound value and returns its placeholder (`@p1` in SQLite, `$1` in PostgreSQL). */
export type Bind = (value: unknown) => string;

/**
 * The WHERE conditions of a delivery search over `deliveries d`, written once for both backends
 * (the SQL is the same but for placeholders). Only the filters given become conditions, so each
 * combination is its own statement and the planner can pick the index that fits it (migration 004).
 * Tenancy and the event path go through subqueries, which keeps the newest-first walk on the
 * deliveries index instead of sorting a join.
 */
export function deliveryConditions(q: DeliverySearch, bind: Bind): string[] {
  const where = scopeConditions(q.scope, 'd.subscription_id', bind);
  if (q.states?.length) where.push(`d.state IN (${q.states.map(bind).join(', ')})`);
  if (q.subscriptionId !== undefined) where.push(`d.subscription_id = ${bind(q.subscriptionId)}`);
  if (q.statusCodes?.length) where.push(`d.last_status IN (${q.statusCodes.map(bind).join(', ')})`);
  if (q.eventPath !== undefined)
    where.push(`d.event_id IN (SELECT e.id FROM events e WHERE ${pathPrefix('e.path', q.eventPath, bind)})`);
  where.push(...timeConditions(q, 'd', bind));
  return where;
}

/** The WHERE conditions of an event search over `events e`. */
export function eventConditions(q: EventSearch, bind: Bind): string[] {
  const where: string[] = [];
  if (q.scope.accountId !== undefined) where.push(`e.account_id = ${bind(q.scope.accountId)}`);
  if (q.scope.extensionId !== undefined || q.subscriptionId !== undefined) {
    const inner = scopeConditions(q.scope, 'x.subscription_id', bind);
    if (q.subscriptionId !== undefined) inner.push(`x.subscription_id = ${bind(q.subscriptionId)}`);
    where.push(
      `EXISTS (SELECT 1 FROM deliveries x WHERE x.event_id = e.id AND ${inner.join(' AND ') || 'TRUE'})`,
    );
  }
  if (q.eventPath !== undefined) where.push(pathPrefix('e.path', q.eventPath, bind));
  where.push(...timeConditions(q, 'e', bind));
  return where;
}

function scopeConditions(scope: DeliverySearch['scope'], column: string, bind: Bind): string[] {
  if (scope.accountId === undefined) return [];
  const owner = [`s.account_id = ${bind(scope.accountId)}`];
  if (scope.extensionId !== undefined) owner.push(`s.extension_id = ${bind(scope.extensionId)}`);
  return [`${column} IN (SELECT s.id FROM subscriptions s WHERE ${owner.join(' AND ')})`];
}

function pathPrefix(column: string, prefix: string, bind: Bind): string {
  const value = bind(prefix);
  return `substr(${column}, 1, length(${value})) = ${value}`;
}

function timeConditions(q: EventSearch, table: string, bind: Bind): string[] {
  const where: string[] = [];
  if (q.createdFrom !== undefined) where.push(`${table}.created_at >= ${bind(q.createdFrom)}`);
  if (q.createdUntil !== undefined) where.push(`${table}.created_at < ${bind(q.createdUntil)}`);
  if (q.after)
    where.push(`(${table}.created_at, ${table}.id) < (${bind(q.after.createdAt)}, ${bind(q.after.id)})`);
  return where;
}

/** `WHERE a AND b`, or nothing. */
export function whereClause(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}
