import type { Database } from 'better-sqlite3';
import { foldHealth } from '../fold-health.js';
import type { AttemptResult, SubscriptionHealth } from '../store.js';
import { prepared } from './prepared.js';

/**
 * One transaction per batch of finished attempts: the attempt log, the delivery's next state and
 * the subscription's failure run move together, so a crash never leaves one without the others.
 * Each subscription is written once per batch (fold-health.ts), not once per outcome.
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
  const updateHealth = prepared(
    db,
    `UPDATE subscriptions SET
       consecutive_failures = CASE WHEN @reset THEN @failures ELSE consecutive_failures + @failures END,
       failing_since = CASE WHEN @reset THEN @firstFailureAt ELSE coalesce(failing_since, @firstFailureAt) END,
       last_success_at = coalesce(@lastSuccessAt, last_success_at)
     WHERE id = @id`,
  );
  const health = prepared(
    db,
    'SELECT id, status, failing_since, consecutive_failures FROM subscriptions WHERE id = ?',
  );
  return db.transaction(() => {
    for (const r of results) {
      const a = r.attempt;
      insertAttempt.run({ ...a });
      moveDelivery.run({
        deliveryId: a.deliveryId,
        state: r.next.state,
        nextAttemptAt: r.next.state === 'pending' ? r.next.nextAttemptAt : null,
        at: a.startedAt + a.latencyMs,
        status: a.status,
        error: a.error,
      });
    }
    const out: SubscriptionHealth[] = [];
    for (const c of foldHealth(results)) {
      updateHealth.run({
        id: c.id,
        reset: c.reset ? 1 : 0,
        failures: c.failures,
        firstFailureAt: c.firstFailureAt,
        lastSuccessAt: c.lastSuccessAt,
      });
      if (!c.endsFailing) continue;
      const row = health.get(c.id) as
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
