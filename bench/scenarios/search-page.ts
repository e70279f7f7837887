import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteStore } from '../../packages/server/src/store/sqlite/sqlite-store.js';
import { makeDelivery, makeEvent, makeSubscription } from '../../packages/server/test/store/fixtures.js';
import { ApiClient } from '../lib/api.js';
import { BENCH_ENV } from '../lib/context.js';
import { ServerProcess } from '../lib/processes.js';
import { percentile } from '../lib/stats.js';

const SUBSCRIPTIONS = 10;
const EVENTS_PER_PUBLISH = 500;
const REQUESTS = 30;

/** Median and p99 (ms) of `REQUESTS` sequential requests to one path. */
async function timePage(
  api: ApiClient,
  path: string,
): Promise<{ p50: number; p99: number; records: number }> {
  const times: number[] = [];
  let records = 0;
  // Warm-up: the first requests after start compile the statement and fault in the index pages,
  // while the new server runs its first background jobs.
  for (let i = 0; i < 20; i++) await api.call('GET', path);
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await api.call('GET', path);
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`search: ${res.status} ${JSON.stringify(res.json)}`);
    records = res.json.records.length;
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), records };
}

/**
 * (9) One page (100 rows) of the server-wide search at `deliveries` deliveries: the newest page, a
 * page 50 pages deep by its token, and `state=dead` (1 % of rows, spread evenly). Seeded straight
 * through the store (publishing a million deliveries over HTTP would only measure publishing), one
 * delivery in a hundred moved to dead with one UPDATE; then a real server answers over HTTP.
 */
export async function searchPage(
  deliveries: number,
): Promise<{ newest: number; deep: number; dead: number; deadP99: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-search-'));
  const filename = join(dataDir, 'switchboard.db');
  try {
    const store = createSqliteStore({ filename });
    await store.migrate();
    const subs = Array.from({ length: SUBSCRIPTIONS }, () =>
      makeSubscription({ expiresAt: Date.now() + 86_400_000 }),
    );
    for (const s of subs) await store.createSubscription(s);
    const start = Date.now() - deliveries;
    let made = 0;
    while (made < deliveries) {
      const items = [];
      for (let i = 0; i < EVENTS_PER_PUBLISH && made < deliveries; i++) {
        const event = makeEvent({ createdAt: start + made });
        const ds = subs
          .slice(0, deliveries - made)
          .map((s) => makeDelivery(event, s, { nextAttemptAt: Date.now() + 86_400_000 }));
        made += ds.length;
        items.push({ event, deliveries: ds });
      }
      await store.publish(items);
    }
    await store.close();
    const db = new Database(filename);
    // Nothing due: the server's dispatcher stays idle while the search is measured.
    db.exec(
      "UPDATE deliveries SET state = CASE WHEN rowid % 100 = 0 THEN 'dead' ELSE 'delivered' END, last_status = 503",
    );
    db.close();

    const server = await ServerProcess.start({ dataDir, env: BENCH_ENV });
    const api = new ApiClient(server.url, server.token);
    try {
      const newest = await timePage(api, '/v1/deliveries?perPage=100');
      let token = '';
      for (let page = 0; page < 50; page++) {
        const res = await api.call('GET', `/v1/deliveries?perPage=100${token ? `&pageToken=${token}` : ''}`);
        token = res.json.navigation.nextPageToken ?? '';
        if (!token) break;
      }
      const deep = await timePage(api, `/v1/deliveries?perPage=100${token ? `&pageToken=${token}` : ''}`);
      const dead = await timePage(api, '/v1/deliveries?perPage=100&state=dead');
      if (dead.records === 0) throw new Error('search: no dead deliveries listed');
      return { newest: newest.p50, deep: deep.p50, dead: dead.p50, deadP99: dead.p99 };
    } finally {
      await api.close();
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
