import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { resolveConfig } from '../../src/config.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { createTestDatabase, postgresSkipReason, type TestDatabase } from '../helpers/test-postgres.js';

// A data directory written by the previous release (0.1.0, by make-upgrade-fixture.ts beside this
// file, run from that release's checkout) must open in this one with every token, subscription,
// event, delivery and attempt as that release read them back (manifest.json, written at the same
// time). New fields may appear; no recorded field may change.
const FIXTURE = join(import.meta.dirname, 'fixtures', 'release-0.1.0');
const manifest = JSON.parse(readFileSync(join(FIXTURE, 'manifest.json'), 'utf8'));

/** `actual` carries every field of `expected` with the same value (extra fields allowed). */
function assertSuperset(actual: unknown, expected: Record<string, unknown>, what: string): void {
  assert.ok(actual !== null && typeof actual === 'object', `${what} is missing after the upgrade`);
  const picked = Object.fromEntries(
    Object.keys(expected).map((k) => [k, (actual as Record<string, unknown>)[k]]),
  );
  assert.deepEqual(picked, expected, what);
}

/** Every record of the manifest reads back from `store` as the previous release read it. */
async function assertKeepsEverything(store: Store): Promise<void> {
  assert.equal((await store.listTokens({})).length, manifest.tokens.records.length);
  for (const expected of manifest.tokens.records) {
    assertSuperset(await store.findTokenByHash(expected.hash), expected, `token ${expected.id}`);
  }
  for (const expected of manifest.subscriptions) {
    assertSuperset(await store.getSubscription(expected.id), expected, `subscription ${expected.id}`);
  }
  for (const expected of manifest.events) {
    assertSuperset(await store.getEvent(expected.id), expected, `event ${expected.id}`);
  }
  for (const expected of manifest.deliveries) {
    assertSuperset(await store.getDelivery(expected.id), expected, `delivery ${expected.id}`);
    const recorded = manifest.attempts[expected.id] as Record<string, unknown>[];
    const attempts = await store.listAttempts(expected.id);
    assert.equal(attempts.length, recorded.length, `attempts of ${expected.id}`);
    for (const [i, a] of recorded.entries())
      assertSuperset(attempts[i], a, `attempt ${i + 1} of ${expected.id}`);
  }
}

function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-upgrade-'));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('a SQLite data directory of release 0.1.0', () => {
  let dir: string;
  let store: Store;

  before(async () => {
    dir = copyFixture();
    store = createSqliteStore({ filename: join(dir, 'switchboard.db') });
    await store.migrate();
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('keeps every token, subscription (verification token and signing secrets included), event, delivery and attempt', async () => {
    await assertKeepsEverything(store);
  });

  test('migrating twice changes nothing', async () => {
    await store.migrate();
    assert.equal((await store.listSubscriptions({})).length, manifest.subscriptions.length);
  });
});

describe('the server started on a data directory of release 0.1.0', () => {
  let dir: string;
  let app: App;
  const call = async (method: 'GET' | 'POST', url: string, token: string) => {
    const res = await app.api.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
  };

  before(async () => {
    dir = copyFixture();
    const clock = new ManualClock(Date.UTC(2026, 10, 30));
    const config = resolveConfig({ flags: { port: 0, logLevel: 'silent', dataDir: dir } });
    app = await createApp({ config, clock, logger: pino({ level: 'silent' }) });
  });
  after(async () => {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('creates no new admin token: the old ones still sign in', async () => {
    assert.equal(app.createdAdminToken, null);
    const admin = await call('GET', '/restapi/v1.0/subscription', manifest.tokens.admin);
    assert.equal(admin.status, 200);
    const ids = admin.body.records.map((r: { id: string }) => r.id).sort();
    const live = manifest.subscriptions.map((s: { id: string }) => s.id).sort();
    assert.deepEqual(ids, live);
    assert.equal((await call('GET', '/restapi/v1.0/subscription', manifest.tokens.user)).status, 200);
  });

  test('shows the old deliveries in their states and redelivers a dead one', async () => {
    for (const expected of manifest.deliveries) {
      const res = await call('GET', `/v1/deliveries/${expected.id}`, manifest.tokens.admin);
      assert.equal(res.status, 200, `delivery ${expected.id}`);
      assert.equal(res.body.delivery.state, expected.state);
      assert.equal(res.body.delivery.uuid, expected.uuid);
      assert.equal(res.body.attempts.length, manifest.attempts[expected.id].length);
    }
    const dead = manifest.deliveries.find((d: { state: string }) => d.state === 'dead');
    const res = await call('POST', `/v1/deliveries/${dead.id}/redeliver`, manifest.tokens.admin);
    assert.equal(res.status, 202);
    assert.equal(res.body.delivery.state, 'pending');
    assert.equal(res.body.delivery.uuid, dead.uuid);
  });
});

describe('a PostgreSQL database of release 0.1.0', async () => {
  const skip = await postgresSkipReason();
  let database: TestDatabase;
  let store: Store;

  before(async () => {
    if (skip) return;
    database = await createTestDatabase('upgrade');
    // pg_dump --inserts output; psql's own meta-commands (\restrict …) are not SQL.
    const dump = readFileSync(join(FIXTURE, 'postgres.sql'), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('\\'))
      .join('\n');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(dump);
    } finally {
      await client.end();
    }
    store = createPostgresStore({ connectionString: database.url, poolSize: 2 });
    await store.migrate();
  });
  after(async () => {
    if (skip) return;
    await store.close();
    await database.drop();
  });

  test('keeps every token, subscription, event, delivery and attempt', { skip }, async () => {
    await assertKeepsEverything(store);
  });
});
