import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { listMigrations } from '../../src/store/list-migrations.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import {
  createTestSchema,
  postgresSkipReason,
  TEST_DATABASE_URL,
  type TestSchema,
} from '../helpers/test-postgres.js';
import { waitFor } from '../helpers/wait-for.js';
import { makeSubscription } from './fixtures.js';
import { runStoreContract } from './store-contract.js';

// Runs against CI's PostgreSQL in throwaway schemas; fails under CI=true when it is unreachable,
// skips with the reason elsewhere (helpers/test-postgres.ts).
const skip = await postgresSkipReason();
let schema: TestSchema | null = null;

runStoreContract('postgres', {
  skip,
  async open() {
    schema ??= await createTestSchema('contract');
    const store = createPostgresStore({
      connectionString: TEST_DATABASE_URL,
      poolSize: 4,
      schema: schema.name,
    });
    await store.migrate();
    return store;
  },
  async dispose() {
    await schema?.drop();
  },
});

/** The test database URL with an application_name, so a test can find (and cut) its own connections. */
function tagged(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('application_name', name);
  return url.href;
}

/** Ends every server connection with this application_name, as a database restart would. */
async function terminateConnections(applicationName: string): Promise<number> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ ended: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    return rows.length;
  } finally {
    await admin.end();
  }
}

describe('PostgreSQL store: several nodes and lost connections', { skip: skip ?? false }, () => {
  let own: TestSchema;
  const stores: Store[] = [];
  const open = (applicationName: string) => {
    const store = createPostgresStore({
      connectionString: tagged(applicationName),
      poolSize: 2,
      schema: own.name,
    });
    stores.push(store);
    return store;
  };

  before(async () => {
    own = await createTestSchema('nodes');
  });
  after(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await own.drop();
  });

  test('nodes starting at once migrate once (advisory lock)', async () => {
    const nodes = Array.from({ length: 4 }, (_, i) => open(`${own.name}_m${i}`));
    await Promise.all(nodes.map((s) => s.migrate()));
    const check = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await check.connect();
    try {
      const { rows } = await check.query(
        `SELECT version FROM ${own.name}.schema_migrations ORDER BY version`,
      );
      assert.deepEqual(
        rows.map((r) => r.version),
        listMigrations(new URL('../../src/store/postgres/migrations/', import.meta.url)).map(
          (m) => m.version,
        ),
        'each migration applied once',
      );
    } finally {
      await check.end();
    }
  });

  test('the pool and the LISTEN connection recover when the server drops every connection', async () => {
    const name = `${own.name}_w`;
    const watcher = open(name);
    const writer = open(`${own.name}_x`);
    let resyncs = 0;
    const changed: string[] = [];
    await watcher.watch?.({
      deliveriesQueued: () => undefined,
      subscriptionChanged: (id) => changed.push(id),
      resync: () => {
        resyncs += 1;
      },
    });
    await watcher.countTokens();
    assert.ok((await terminateConnections(name)) >= 2, 'the pooled and the LISTEN connection were cut');

    await waitFor(() => resyncs === 1, 'the LISTEN connection to come back and ask for a resync');
    assert.equal(typeof (await watcher.countTokens()), 'number', 'the pool opened a new connection');
    const sub = makeSubscription();
    await writer.createSubscription(sub);
    await waitFor(() => changed.includes(sub.id), 'a notification on the new LISTEN connection');
  });
});
