import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import {
  claimDue,
  dueScanSql,
  extendLeases,
  makePutOffDue,
  nextDueAt,
  putOffNeverAttempted,
  releaseClaims,
} from '../../src/store/sqlite/claim-due.js';
import { countDeliveries } from '../../src/store/sqlite/inspect-deliveries.js';
import { expireBacklog, pruneDelivered } from '../../src/store/sqlite/maintenance.js';
import { migrate } from '../../src/store/sqlite/migrate.js';
import { queueSummary } from '../../src/store/sqlite/queue-summary.js';

/**
 * The statements the dispatcher runs per claim and per attempt read the index made for them, not
 * every pending row: with migration 004's `deliveries_state_created` there, SQLite's planner took
 * that one for `state = 'pending'` and each claim read and sorted the whole backlog (a million-row
 * backlog drained at a seventh of its earlier rate; docs/performance.md). The planner has no
 * statistics here, so the plan does not depend on how many rows the table holds.
 */

/** Binds every parameter of `sql` to something harmless, for EXPLAIN. */
function dummyParams(sql: string): unknown[] {
  const named = Object.fromEntries(
    [...sql.matchAll(/@(\w+)/g)].map(([, name]) => [name, name === 'exclude' ? '[]' : 0]),
  );
  const positional = [...sql.matchAll(/\?/g)].map(() => '[]');
  return Object.keys(named).length > 0 ? [named, ...positional] : positional;
}

function planOf(db: Database.Database, sql: string): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...dummyParams(sql)) as Array<{ detail: string }>).map(
    (row) => row.detail,
  );
}

/** A migrated in-memory database, and the statements `run` prepared on it (in order). */
function statementsPreparedBy(run: (db: Database.Database) => void): {
  db: Database.Database;
  seen: string[];
} {
  const db = new Database(':memory:');
  migrate(db);
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    seen.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  try {
    run(db);
  } finally {
    db.prepare = prepare;
  }
  return { db, seen };
}

test('the claim, lease, give-back, put-off and due-time statements never walk every pending delivery', () => {
  const now = Date.UTC(2026, 0, 1);
  const { db, seen } = statementsPreparedBy((db) => {
    claimDue(db, { now, limit: 10, leaseMs: 1000, perSubscription: 5, excludeSubscriptionIds: [] });
    extendLeases(db, ['a'], now);
    releaseClaims(db, ['a'], now);
    putOffNeverAttempted(db, 'sub', now + 5000, now);
    makePutOffDue(db, now);
    nextDueAt(db);
    queueSummary(db, now);
  });

  const statements = [dueScanSql(true), ...seen.filter((sql) => /\bdeliveries\b/.test(sql))]
    // Counting deliveries by state reads the state index by design.
    .filter((sql) => !/GROUP BY state/.test(sql) && !/^\s*SELECT EXISTS/.test(sql));
  assert.ok(statements.length >= 8, `${statements.length} statements`);
  for (const sql of statements) {
    const plan = planOf(db, sql);
    const text = plan.join(' | ');
    assert.ok(!/deliveries_state_created/.test(text), `${sql.trim().slice(0, 80)}…\n  plan: ${text}`);
    // A metrics scrape counts the retrying deliveries: that one reads every pending row by design.
    if (/count\(\*\)/.test(sql)) continue;
    assert.ok(
      !/\bSCAN (deliveries|d)\b/.test(text),
      `a full scan: ${sql.trim().slice(0, 80)}…\n  plan: ${text}`,
    );
  }
  // The unordered claim's walk reads the due index alone, no row of the table (claim-due.ts).
  const claimPlan = planOf(db, dueScanSql(false)).join(' | ');
  assert.match(claimPlan, /SEARCH d USING COVERING INDEX deliveries_due \(next_attempt_at<\?\)/);
  db.close();
});

test("the scheduler's pruning of delivered rows reads the delivered index, not every delivered row kept", () => {
  const now = Date.UTC(2026, 0, 1);
  const { db, seen } = statementsPreparedBy((db) => {
    pruneDelivered(db, now);
    expireBacklog(db, now, now);
  });

  const statements = seen.filter((sql) => /\bFROM deliveries\b|\bUPDATE deliveries\b/.test(sql));
  assert.ok(statements.length >= 3, `${statements.length} statements`);
  for (const sql of statements) {
    const text = planOf(db, sql).join(' | ');
    // Every tick runs these: a walk of one state's rows is a walk of most of the table.
    assert.ok(
      !/deliveries_state_created \(state=\?\)(?! AND)/.test(text),
      `${sql.trim().slice(0, 90)}…\n  plan: ${text}`,
    );
    assert.ok(!/\bSCAN deliveries\b/.test(text), `a full scan: ${sql.trim().slice(0, 90)}…\n  plan: ${text}`);
  }
  assert.match(
    statements.map((sql) => planOf(db, sql).join(' | ')).join(' || '),
    /deliveries_delivered \(updated_at<\?\)/,
  );
  db.close();
});

test("counting one subscription's deliveries reads that subscription's rows, not every delivery", () => {
  const { db, seen } = statementsPreparedBy((db) => countDeliveries(db, 'sub'));
  const [sql] = seen;
  assert.ok(sql);
  const text = planOf(db, sql).join(' | ');
  // The dashboard's overview counts each subscription: one walk of the table each was 280–347 ms at a million.
  assert.match(
    text,
    /SEARCH deliveries USING (COVERING )?INDEX deliveries_subscription \(subscription_id=\?\)/,
    text,
  );
  db.close();
});
