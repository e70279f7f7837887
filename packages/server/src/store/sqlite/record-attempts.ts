import type { Database } from 'better-sqlite3';
import type { AttemptResult, SubscriptionHealth } from '../store.js';
import { prepared } from './prepared.js';

/**
 * One transaction per batch of finished attempts: the attempt log, the delivery's next state and
 * the subscription's failure run move together, so a crash never leaves one without the others.
 */
export function recordAttempts(db: Database, results: AttemptResult[]): SubscriptionHealth[] {
  const insertAttempt = prepared(
    db,
    `INSERT OR REPLACE INTO attempts (delivery_id, attempt_no, started_at, latency_ms, status, error, response_snippet)
     SELECT @deliveryId, @attemptNo, @startedAt, @latencyMs, @status, @error, @responseSnippet
     WHERE EXISTS (SELECT 1 FROM deliveries WHERE id = @deliveryId)`,
  );
  const moveDelivery = prepared(
    db,
    `UPDATE deliveries SET state = @state, attempts = attempts + 1,
       retry_step = CASE WHEN @state = 'delivered' THEN retry_step ELSE retry_step + 1 END,
       next_attempt_at = coalesce(@nextAttemptAt, next_attempt_at), locked_until = NULL,
       updated_at = @at, last_status = @status, last_error = @error
     WHERE id = @deliveryId AND state = 'pending'`,
  );
  const succeed = prepared(
    db,
    `UPDATE subscriptions SET failing_since = NULL, consecutive_failures = 0, last_success_at = @at
     WHERE id = @id`,
  );
  const fail = prepared(
    db,
    `UPDATE subscriptions SET failing_since = coalesce(failing_since, @at),
       consecutive_failures = consecutive_failures + 1
     WHERE id = @id`,
  );
  const health = prepared(
    db,
    'SELECT id, status, failing_since, consecutive_failures FROM subscriptions WHERE id = ?',
  );
  return db.transaction(() => {
    const failed = new Set<string>();
    for (const r of results) {
      const a = r.attempt;
      const at = a.startedAt + a.latencyMs;
      insertAttempt.run({ ...a });
      moveDelivery.run({
        deliveryId: a.deliveryId,
        state: r.next.state,
        nextAttemptAt: r.next.state === 'pending' ? r.next.nextAttemptAt : null,
        at,
        status: a.status,
        error: a.error,
      });
      if (r.outcome === 'success') {
        succeed.run({ id: r.subscriptionId, at });
        failed.delete(r.subscriptionId);
      } else {
        fail.run({ id: r.subscriptionId, at });
        failed.add(r.subscriptionId);
      }
    }
    const out: SubscriptionHealth[] = [];
    for (const id of failed) {
      const row = health.get(id) as
        | { id: string; status: string; failing_since: number | null; consecutive_failures: number }
        | undefined;
      if (!row) continue;
      out.push({
        subscriptionId: row.id,
        status: row.status as SubscriptionHealth['status'],
        failingSince: row.failing_since,
        consecutiveFailures: row.consecutive_failures,
      });
    }
    return out;
  })();
}
