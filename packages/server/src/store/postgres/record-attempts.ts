import type { Pool, PoolClient } from 'pg';
import { foldHealth, type HealthChange } from '../fold-health.js';
import type { AttemptResult, SubscriptionHealth } from '../store.js';
import { prepared } from './prepared.js';
import { inTransaction } from './transaction.js';

/**
 * `lastSuccessAt` is refreshed at most once a second while a subscription stays healthy. Without
 * this every batch of successes rewrites (and row-locks) its subscriptions, and the nodes queue up
 * on the same few rows: in the three-node test most of the database's wait time was exactly that.
 */
const LAST_SUCCESS_GRANULARITY_MS = 1000;

/**
 * Row locks in one order everywhere: subscriptions before deliveries, each sorted by id (ORDER BY
 * with FOR UPDATE locks in sorted order). Two nodes recording attempts of the same subscriptions
 * at once then wait for each other but never deadlock; expiry and deletion lock in the same order.
 *
 * Only subscriptions this batch changes are locked (and then updated): those whose failure run
 * moves, waiting for the lock; and those whose lastSuccessAt is stale, with SKIP LOCKED — a row
 * locked right now is being written by another node's outcomes, so the refresh can wait for the
 * next batch. Returns the ids locked.
 */
async function lockChangingSubscriptions(client: PoolClient, changes: HealthChange[]): Promise<Set<string>> {
  const values = [
    changes.map((c) => c.id),
    changes.map((c) => c.failures),
    changes.map((c) => c.lastSuccessAt),
  ];
  const from = `FROM subscriptions s
    JOIN unnest($1::text[], $2::int[], $3::bigint[]) AS r(id, failures, last_success_at) ON r.id = s.id`;
  const failing = 'r.failures > 0 OR s.failing_since IS NOT NULL OR s.consecutive_failures <> 0';
  const run = await client.query<{ id: string }>(
    prepared(`SELECT s.id ${from} WHERE ${failing} ORDER BY s.id FOR UPDATE OF s`, values),
  );
  const stale = await client.query<{ id: string }>(
    prepared(
      `SELECT s.id ${from}
       WHERE NOT (${failing}) AND (s.last_success_at IS NULL OR s.last_success_at <= r.last_success_at - $4)
       ORDER BY s.id FOR UPDATE OF s SKIP LOCKED`,
      [...values, LAST_SUCCESS_GRANULARITY_MS],
    ),
  );
  return new Set([...run.rows, ...stale.rows].map((r) => r.id));
}

async function lockDeliveries(client: PoolClient, ids: string[]): Promise<void> {
  await client.query(
    prepared('SELECT id FROM deliveries WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [ids]),
  );
}

async function insertAttempts(client: PoolClient, results: AttemptResult[]): Promise<void> {
  // One row per (delivery, attempt number), the last wins, as INSERT OR REPLACE does in SQLite:
  // ON CONFLICT DO UPDATE refuses to touch one row twice in a statement.
  const a = [
    ...new Map(results.map((r) => [`${r.attempt.deliveryId} ${r.attempt.attemptNo}`, r.attempt])).values(),
  ];
  await client.query(
    prepared(
      `INSERT INTO attempts (delivery_id, attempt_no, started_at, latency_ms, status, error, response_snippet)
       SELECT r.* FROM unnest($1::text[], $2::int[], $3::bigint[], $4::int[], $5::int[], $6::text[], $7::text[])
         AS r(delivery_id, attempt_no, started_at, latency_ms, status, error, response_snippet)
       WHERE EXISTS (SELECT 1 FROM deliveries WHERE id = r.delivery_id)
       ON CONFLICT (delivery_id, attempt_no) DO UPDATE SET started_at = excluded.started_at,
         latency_ms = excluded.latency_ms, status = excluded.status, error = excluded.error,
         response_snippet = excluded.response_snippet`,
      [
        a.map((x) => x.deliveryId),
        a.map((x) => x.attemptNo),
        a.map((x) => x.startedAt),
        a.map((x) => x.latencyMs),
        a.map((x) => x.status),
        a.map((x) => x.error),
        a.map((x) => x.responseSnippet),
      ],
    ),
  );
}

async function moveDeliveries(client: PoolClient, results: AttemptResult[]): Promise<void> {
  // One row per delivery for UPDATE … FROM: the last result wins.
  const rs = [...new Map(results.map((r) => [r.attempt.deliveryId, r])).values()];
  await client.query(
    prepared(
      `UPDATE deliveries d SET state = r.state, attempts = d.attempts + 1,
         retry_step = CASE WHEN r.state = 'delivered' THEN d.retry_step ELSE d.retry_step + 1 END,
         next_attempt_at = coalesce(r.next_attempt_at, d.next_attempt_at), locked_until = NULL,
         updated_at = r.at, last_status = r.status, last_error = r.error
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::int[], $6::text[])
         AS r(id, state, next_attempt_at, at, status, error)
       WHERE d.id = r.id AND d.state = 'pending'`,
      [
        rs.map((r) => r.attempt.deliveryId),
        rs.map((r) => r.next.state),
        rs.map((r) => (r.next.state === 'pending' ? r.next.nextAttemptAt : null)),
        rs.map((r) => r.attempt.startedAt + r.attempt.latencyMs),
        rs.map((r) => r.attempt.status),
        rs.map((r) => r.attempt.error),
      ],
    ),
  );
}

async function updateHealth(client: PoolClient, changes: HealthChange[]): Promise<SubscriptionHealth[]> {
  if (changes.length === 0) return [];
  const { rows } = await client.query<{
    id: string;
    status: SubscriptionHealth['status'];
    failing_since: number | null;
    consecutive_failures: number;
  }>(
    prepared(
      `UPDATE subscriptions s SET
         consecutive_failures = CASE WHEN r.reset THEN r.failures ELSE s.consecutive_failures + r.failures END,
         failing_since = CASE WHEN r.reset THEN r.first_failure_at
                              ELSE coalesce(s.failing_since, r.first_failure_at) END,
         last_success_at = coalesce(r.last_success_at, s.last_success_at)
       FROM unnest($1::text[], $2::bool[], $3::int[], $4::bigint[], $5::bigint[])
         AS r(id, reset, failures, first_failure_at, last_success_at)
       WHERE s.id = r.id
       RETURNING s.id, s.status, s.failing_since, s.consecutive_failures`,
      [
        changes.map((c) => c.id),
        changes.map((c) => c.reset),
        changes.map((c) => c.failures),
        changes.map((c) => c.firstFailureAt),
        changes.map((c) => c.lastSuccessAt),
      ],
    ),
  );
  const failing = new Set(changes.filter((c) => c.endsFailing).map((c) => c.id));
  return rows
    .filter((r) => failing.has(r.id))
    .map((r) => ({
      subscriptionId: r.id,
      status: r.status,
      failingSince: r.failing_since,
      consecutiveFailures: r.consecutive_failures,
    }));
}

/**
 * One transaction per batch of finished attempts: the attempt log, the deliveries' next states and
 * the subscriptions' failure runs move together, so a crash never leaves one without the others.
 * Six statements whatever the batch size (arrays in, `unnest` out), committed without waiting
 * for the WAL flush (transaction.ts: losing the last batch in a database crash means resending).
 */
export async function recordAttempts(pool: Pool, results: AttemptResult[]): Promise<SubscriptionHealth[]> {
  if (results.length === 0) return [];
  return inTransaction(
    pool,
    async (client) => {
      const changes = foldHealth(results);
      const changing = await lockChangingSubscriptions(client, changes);
      await lockDeliveries(
        client,
        results.map((r) => r.attempt.deliveryId),
      );
      await insertAttempts(client, results);
      await moveDeliveries(client, results);
      return updateHealth(
        client,
        changes.filter((c) => changing.has(c.id)),
      );
    },
    { durable: false },
  );
}
