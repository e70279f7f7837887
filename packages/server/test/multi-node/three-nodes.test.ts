import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { after, describe, type TestContext, test } from 'node:test';
import { promisify } from 'node:util';
import { postgresSkipReason, TEST_DATABASE_URL } from '../helpers/test-postgres.js';
import { waitFor } from '../helpers/wait-for.js';
import { Cluster } from './cluster.js';
import { CountingReceivers } from './counting-receivers.js';
import { publishEvents } from './publisher.js';

/**
 * Scaling out: three `switchboard serve` processes on one PostgreSQL database, publishers talking to
 * any node, 20,000 events to 50 subscriptions. Each event matches exactly ONE subscription (event
 * `seq` goes to extension 3000 + seq % 50), so a run is 20,000 deliveries: enough to share work
 * among three nodes, few enough for a 2-core machine. Polls are short for speed.
 */
const EVENTS = 20_000;
const SUBSCRIPTIONS = 50;
const RECEIVERS = 5;
const NODES = 3;
const ENV = {
  SWITCHBOARD_POLL_INTERVAL_MS: '250',
  SWITCHBOARD_DATABASE_POOL_SIZE: '5',
  SWITCHBOARD_MAX_SUBSCRIPTIONS_PER_EXTENSION: String(SUBSCRIPTIONS + 10),
  // Only change notifications can keep the indexes current within a run (see case c).
  SWITCHBOARD_INDEX_RESYNC_MS: '600000',
};
const path = (seq: number) => `/restapi/v1.0/account/1001/extension/${3000 + (seq % SUBSCRIPTIONS)}/presence`;
const execFileAsync = promisify(execFile);

const skip = await postgresSkipReason();

/** Restarting the server needs the local cluster and root (true on CI's machine). */
function restartSkipReason(): string | undefined {
  const url = new URL(TEST_DATABASE_URL);
  if (!['127.0.0.1', 'localhost'].includes(url.hostname)) return 'the test PostgreSQL is not on this machine';
  if (process.getuid?.() !== 0) return 'restarting PostgreSQL needs root';
  try {
    if (readdirSync('/etc/postgresql').length !== 1) return 'expected exactly one cluster in /etc/postgresql';
  } catch {
    return 'no Debian PostgreSQL cluster (/etc/postgresql) to restart';
  }
  return undefined;
}
const inCi = (process.env.CI ?? '') !== '' && process.env.CI !== 'false' && process.env.CI !== '0';
const restartSkip = skip ?? restartSkipReason();

function pgCluster(action: 'restart' | 'start') {
  const version = readdirSync('/etc/postgresql')[0] ?? '';
  return execFileAsync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action], {
    timeout: 60_000,
  });
}

/** Whatever a test did, leave PostgreSQL running for everything after it. */
async function ensurePostgresRunning(): Promise<void> {
  if (restartSkip) return;
  await pgCluster('start').catch(() => undefined); // "already running" is an error, and fine
}

interface Run {
  cluster: Cluster;
  receivers: CountingReceivers;
}

/**
 * Healthy runs keep the default 30 s lease and a generous delivery timeout: on a 2-core machine
 * shared with PostgreSQL and the test, a starved event loop must not turn into timeouts, which
 * would be retried and count as double sends. Failure runs use 5 s leases, so the deliveries a
 * dead node held are free again within seconds.
 */
const HEALTHY = { SWITCHBOARD_LEASE_MS: '30000', SWITCHBOARD_DELIVERY_TIMEOUT_MS: '15000' };
const FAILING = { SWITCHBOARD_LEASE_MS: '5000' };

async function startRun(env: Record<string, string>): Promise<Run> {
  let cluster: Cluster | null = null;
  const receivers = await CountingReceivers.start(RECEIVERS, () => cluster?.pids() ?? new Map());
  try {
    cluster = await Cluster.start(NODES, { ...ENV, ...env });
  } catch (err) {
    await receivers.close();
    throw err;
  }
  const c = cluster;
  const urls = receivers.urls();
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const node = c.live()[i % NODES];
    assert.ok(node);
    const res = await fetch(`${node.url}/restapi/v1.0/subscription`, {
      method: 'POST',
      headers: { authorization: `Bearer ${node.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        eventFilters: [`/restapi/v1.0/account/~/extension/${3000 + i}/presence`],
        deliveryMode: { transportType: 'WebHook', address: urls[i % RECEIVERS] },
      }),
    });
    assert.equal(res.status, 200, await res.text());
  }
  return { cluster: c, receivers };
}

/** Publishes one event through `node` until it matches `expected` subscriptions (its index caught up). */
async function waitForMatch(run: Run, nodeIndex: number, eventPath: string, expected: number, what: string) {
  const node = run.cluster.nodes[nodeIndex]?.server;
  assert.ok(node);
  const deadline = Date.now() + 15_000;
  for (let n = 0; ; n++) {
    const res = await fetch(`${node.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${node.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event: eventPath, body: { seq: -1 - n, probe: true } }),
    });
    const matched =
      res.status === 202
        ? ((await res.json()) as { events: Array<{ matched: number }> }).events[0]?.matched
        : -1;
    if (matched === expected) return;
    assert.ok(
      Date.now() < deadline,
      `${what}: node${nodeIndex + 1} still matches ${matched}, expected ${expected}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Outcome {
  acknowledged: number;
  delivered: number;
  lost: number;
  duplicates: number;
  seconds: number;
  split: string;
  byNode: Map<string, number>;
}

/** Waits until every acknowledged event reached a receiver and nothing is pending, then counts. */
async function settle(run: Run, acknowledged: Set<number>, startedAt: number): Promise<Outcome> {
  const { cluster, receivers } = run;
  const missing = () => [...acknowledged].filter((seq) => !receivers.bySeq.has(seq));
  await waitFor(() => missing().length === 0, 'every acknowledged event at a receiver', 90_000).catch(
    () => undefined,
  );
  const seconds = (receivers.lastAt - startedAt) / 1000;
  // Nothing pending any more: no resend can still arrive, so the duplicate count is final.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const [row] = await cluster
      .query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE state = 'pending'`)
      .catch(() => [{ n: -1 }]);
    if (row?.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const real = [...receivers.bySeq.keys()].filter((seq) => seq >= 0);
  const doublePublished = real.filter((seq) => (receivers.bySeq.get(seq)?.size ?? 0) > 1);
  assert.deepEqual(doublePublished, [], 'a retried publish never created a second event');
  const byNode = await receivers.byNode();
  const split = [...byNode]
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([node, n]) => `${node} ${n}`)
    .join(', ');
  return {
    acknowledged: acknowledged.size,
    delivered: acknowledged.size - missing().length,
    lost: missing().length,
    duplicates: receivers.duplicates(),
    seconds,
    split,
    byNode,
  };
}

function report(t: TestContext, o: Outcome, extra = ''): void {
  t.diagnostic(
    `acknowledged ${o.acknowledged}, delivered ${o.delivered}, lost ${o.lost}, duplicates ${o.duplicates}; ` +
      `work split (notifications sent): ${o.split}; ${o.delivered} deliveries in ${o.seconds.toFixed(1)} s ` +
      `= ${Math.round(o.delivered / o.seconds)}/s${extra}`,
  );
}

async function publish(run: Run, idPrefix: string) {
  return publishEvents({
    cluster: run.cluster,
    total: EVENTS,
    batch: 250,
    concurrency: 3,
    idPrefix,
    path,
    giveUpMs: 60_000,
  });
}

describe('three nodes on one PostgreSQL', { skip: skip ?? false, concurrency: false }, () => {
  after(ensurePostgresRunning);

  test('(a) all healthy: every delivery attempted exactly once, work shared', {
    timeout: 150_000,
  }, async (t) => {
    const run = await startRun(HEALTHY);
    try {
      await waitForMatch(run, 2, path(SUBSCRIPTIONS - 1), 1, 'the last subscription, created on node2');
      const published = await publish(run, 'a');
      const outcome = await settle(run, published.acknowledged, published.startedAt);
      const [counts] = await run.cluster.query<{ deliveries: number; attempts: number; retried: number }>(
        `SELECT (SELECT count(*)::int FROM deliveries) AS deliveries,
                (SELECT count(*)::int FROM attempts) AS attempts,
                (SELECT count(*)::int FROM deliveries WHERE attempts <> 1 OR state <> 'delivered') AS retried`,
      );
      const failures = await run.cluster.query<{ error: string; n: number }>(
        `SELECT left(coalesce(error, status::text), 120) AS error, count(*)::int AS n
         FROM attempts WHERE status IS DISTINCT FROM 200 GROUP BY 1 ORDER BY 2 DESC LIMIT 5`,
      );
      report(
        t,
        outcome,
        `; attempt log: ${counts?.attempts} attempts for ${counts?.deliveries} deliveries` +
          (failures.length ? `; failed attempts: ${JSON.stringify(failures)}` : ''),
      );
      assert.equal(outcome.acknowledged, EVENTS);
      assert.equal(outcome.lost, 0);
      assert.equal(outcome.duplicates, 0, 'no notification sent twice');
      assert.equal(counts?.retried, 0, 'every delivery delivered at its first attempt');
      assert.equal(counts?.attempts, counts?.deliveries, 'one attempt per delivery in the attempt log');
      const busy = [...outcome.byNode].filter(([node, n]) => node !== 'unknown' && n > EVENTS / 20);
      assert.equal(busy.length, NODES, `every node did a share of the work (${outcome.split})`);
    } finally {
      await run.cluster.stop();
      await run.receivers.close();
    }
  });

  test('(b) one node SIGKILLed mid-run: every acknowledged event delivered', {
    timeout: 150_000,
  }, async (t) => {
    const run = await startRun(FAILING);
    try {
      await waitForMatch(run, 2, path(SUBSCRIPTIONS - 1), 1, 'the last subscription, created on node2');
      const publishing = publish(run, 'b');
      await waitFor(() => run.receivers.received >= EVENTS / 3, 'a third of the deliveries', 60_000);
      await run.cluster.kill(1);
      const atKill = run.receivers.received;
      const published = await publishing;
      const outcome = await settle(run, published.acknowledged, published.startedAt);
      report(
        t,
        outcome,
        `; node2 killed after ${atKill} notifications; publishes retried on another node: ${published.unanswered}`,
      );
      assert.equal(outcome.acknowledged, EVENTS);
      assert.equal(outcome.lost, 0, 'every acknowledged event reached its receiver');
    } finally {
      await run.cluster.stop();
      await run.receivers.close();
    }
  });

  test('(c) PostgreSQL restarted mid-run: nodes reconnect, nothing is lost', {
    timeout: 150_000,
    skip: inCi ? false : (restartSkip ?? false),
  }, async (t) => {
    assert.equal(restartSkip, undefined, `CI must be able to restart PostgreSQL: ${restartSkip}`);
    const run = await startRun(FAILING);
    try {
      await waitForMatch(run, 2, path(SUBSCRIPTIONS - 1), 1, 'the last subscription, created on node2');
      const publishing = publish(run, 'c');
      await waitFor(() => run.receivers.received >= EVENTS / 3, 'a third of the deliveries', 60_000);
      const restartedAt = performance.now();
      await pgCluster('restart');
      const restartMs = performance.now() - restartedAt;
      const published = await publishing;
      const outcome = await settle(run, published.acknowledged, published.startedAt);

      // The LISTEN connections came back: a subscription created on node1 after the restart
      // reaches the indexes of node2 and node3 (the periodic resync is 10 minutes away).
      const node1 = run.cluster.nodes[0]?.server;
      assert.ok(node1);
      const res = await fetch(`${node1.url}/restapi/v1.0/subscription`, {
        method: 'POST',
        headers: { authorization: `Bearer ${node1.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          eventFilters: ['/restapi/v1.0/account/~/extension/9999/presence'],
          deliveryMode: { transportType: 'WebHook', address: run.receivers.urls()[0] },
        }),
      });
      assert.equal(res.status, 200, await res.text());
      const late = '/restapi/v1.0/account/1001/extension/9999/presence';
      await waitForMatch(run, 1, late, 1, 'a subscription created after the restart');
      await waitForMatch(run, 2, late, 1, 'a subscription created after the restart');

      report(
        t,
        outcome,
        `; restart took ${Math.round(restartMs)} ms; publishes answered 503 ${published.unavailable}, ` +
          `unanswered ${published.unanswered} (all retried with the same ids)`,
      );
      assert.equal(run.cluster.live().length, NODES, 'every node survived the restart');
      assert.equal(outcome.acknowledged, EVENTS);
      assert.equal(outcome.lost, 0, 'every acknowledged event reached its receiver');
    } finally {
      await ensurePostgresRunning();
      await run.cluster.stop().catch(() => undefined);
      await run.receivers.close();
    }
  });
});
