/**
 * Writes the upgrade fixture: a data directory as a release of Switchboard leaves it, and a
 * manifest of everything in it as that release's store reads it back. Run it from a checkout of
 * the PREVIOUS release before each release, so `upgrade.test.ts` proves the new release opens it
 * with every subscription, delivery, attempt and token intact:
 *
 *   git worktree add /tmp/prev v0.1.0 && cp this file into /tmp/prev/packages/server/test/upgrade/
 *   createdb -h 127.0.0.1 -U postgres sb_upgrade_seed
 *   cd /tmp/prev && node --import tsx packages/server/test/upgrade/make-upgrade-fixture.ts <out-dir> \\
 *     postgres://postgres@127.0.0.1:5432/sb_upgrade_seed
 *
 * Only the store's public verbs are used, so the file runs unchanged against older releases.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Attempt, Delivery, EventRecord, Subscription, Token } from '../../src/model.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { hashToken } from '../../src/tokens/hash-token.js';

const outDir = resolve(process.argv[2] ?? 'fixture');
/** An EMPTY PostgreSQL database to seed and dump as well (optional). */
const postgresUrl = process.argv[3];
const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);
const ADMIN_TOKEN = 'sbt_upgrade_fixture_admin_0000000000000000000000';
const USER_TOKEN = 'sbt_upgrade_fixture_user_00000000000000000000000';

function subscription(n: number, overrides: Partial<Subscription>): Subscription {
  return {
    id: `0b0e4c1e-0000-4000-8000-00000000000${n}`,
    accountId: '1001',
    extensionId: '2001',
    eventFilters: ['/restapi/v1.0/account/1001/extension/2001/presence?detailedTelephonyState=true'],
    address: `http://127.0.0.1:3000/hook/${n}`,
    verificationToken: `verify-${n}`,
    signingSecrets: [{ secret: `whsec_dXBncmFkZS1maXh0dXJlLXNlY3JldC0${n}AAAA`, expiresAt: null }],
    status: 'Active',
    createdAt: T0,
    expiresAt: T0 + 315_360_000_000,
    expiresIn: 315_360_000,
    blacklistedAt: null,
    blacklistedReason: null,
    probeEnabled: true,
    nextProbeAt: null,
    failingSince: null,
    consecutiveFailures: 0,
    lastSuccessAt: null,
    reminderThreshold: null,
    reminderInterval: null,
    lastReminderAt: null,
    updatedAt: T0,
    ...overrides,
  };
}

const subscriptions: Subscription[] = [
  subscription(1, {}),
  subscription(2, {
    eventFilters: [
      '/restapi/v1.0/account/1001/extension/2001/message-store/instant?type=SMS',
      '/restapi/v1.0/subscription/~?threshold=3600&interval=900',
    ],
    verificationToken: null,
    reminderThreshold: 3600,
    reminderInterval: 900,
  }),
  subscription(3, {
    status: 'Blacklisted',
    blacklistedAt: T0 + 900_000,
    blacklistedReason: 'Webhook responses with code: [500], reason: [Internal Server Error]',
    nextProbeAt: T0 + 1_800_000,
    failingSince: T0 + 60_000,
    consecutiveFailures: 7,
    signingSecrets: [
      { secret: 'whsec_b2xkLXNlY3JldC1zdGlsbC12YWxpZC1mb3ItYS1kYXk=', expiresAt: T0 + 86_400_000 },
      { secret: 'whsec_bmV3LXNlY3JldC1hZnRlci1yb3RhdGlvbi0zMzMzMzM=', expiresAt: null },
    ],
  }),
];

const tokens: Token[] = [
  {
    id: '0b0e4c1e-0000-4000-8000-0000000000a1',
    name: 'bootstrap admin',
    role: 'admin',
    accountId: '1001',
    extensionId: '2001',
    hash: '',
    createdAt: T0,
    revokedAt: null,
  },
  {
    id: '0b0e4c1e-0000-4000-8000-0000000000a2',
    name: 'a user',
    role: 'user',
    accountId: '1001',
    extensionId: '2001',
    hash: '',
    createdAt: T0,
    revokedAt: null,
  },
];

function event(n: number, path: string): EventRecord {
  return {
    id: `0193a000-0000-7000-8000-00000000e00${n}`,
    accountId: '1001',
    path,
    bodyJson: JSON.stringify({ extensionId: '2001', presenceStatus: n % 2 ? 'Busy' : 'Available', n }),
    publisherId: n === 1 ? 'publisher-id-1' : null,
    createdAt: T0 + n * 1000,
    matched: 1,
  };
}

function delivery(n: number, ev: EventRecord, sub: Subscription): Delivery {
  return {
    id: `0193a000-0000-7000-8000-00000000d00${n}`,
    uuid: `6f1c3e52-0000-4000-8000-00000000000${n}`,
    eventId: ev.id,
    subscriptionId: sub.id,
    filter: sub.eventFilters[0] ?? '',
    state: 'pending',
    attempts: 0,
    retryStep: 0,
    nextAttemptAt: ev.createdAt,
    createdAt: ev.createdAt,
    updatedAt: ev.createdAt,
    lastStatus: null,
    lastError: null,
  };
}

function attempt(d: Delivery, no: number, status: number | null, error: string | null): Attempt {
  return {
    deliveryId: d.id,
    attemptNo: no,
    startedAt: d.createdAt + no * 5000,
    latencyMs: 12 + no,
    status,
    error,
    responseSnippet: status === null ? null : `{"attempt":${no}}`,
  };
}

/** Writes the records through the store's verbs and returns the manifest as the store reads them back. */
async function seed(store: Store): Promise<unknown> {
  await store.migrate();
  const [admin, user] = tokens;
  if (!admin || !user) throw new Error('tokens missing');
  for (const token of [
    { ...admin, hash: hashToken(ADMIN_TOKEN) },
    { ...user, hash: hashToken(USER_TOKEN) },
  ])
    await store.createToken(token);
  for (const sub of subscriptions) await store.createSubscription(sub);
  const [s1, s2, s3] = subscriptions as [Subscription, Subscription, Subscription];
  const presence = '/restapi/v1.0/account/1001/extension/2001/presence';
  const events = [1, 2, 3, 4].map((n) => event(n, presence));
  const [e1, e2, e3, e4] = events as [EventRecord, EventRecord, EventRecord, EventRecord];
  const deliveries = [delivery(1, e1, s1), delivery(2, e2, s1), delivery(3, e3, s3), delivery(4, e4, s2)];
  const [d1, d2, , d4] = deliveries as [Delivery, Delivery, Delivery, Delivery];
  await store.publish(
    events.map((ev) => ({ event: ev, deliveries: deliveries.filter((d) => d.eventId === ev.id) })),
  );

  // d1 delivered after one failure; d2 dead; d3 still pending (its subscription is blacklisted);
  // d4 pending with a retry scheduled.
  const failure = 'failure' as const;
  await store.recordAttempts([
    {
      attempt: attempt(d1, 1, 503, 'Service Unavailable'),
      next: { state: 'pending', nextAttemptAt: T0 + 9000 },
      subscriptionId: s1.id,
      outcome: failure,
    },
  ]);
  await store.recordAttempts([
    {
      attempt: attempt(d1, 2, 200, null),
      next: { state: 'delivered' },
      subscriptionId: s1.id,
      outcome: 'success',
    },
    {
      attempt: attempt(d2, 1, null, 'I/O operation is failed. Details: [Read timed out]'),
      next: { state: 'dead' },
      subscriptionId: s1.id,
      outcome: failure,
    },
    {
      attempt: attempt(d4, 1, 429, 'Too Many Requests'),
      next: { state: 'pending', nextAttemptAt: T0 + 120_000 },
      subscriptionId: s2.id,
      outcome: failure,
    },
  ]);

  return {
    tokens: { admin: ADMIN_TOKEN, user: USER_TOKEN, records: await store.listTokens({}) },
    subscriptions: await Promise.all(subscriptions.map((s) => store.getSubscription(s.id))),
    events: await Promise.all(events.map((e) => store.getEvent(e.id))),
    deliveries: await Promise.all(deliveries.map((d) => store.getDelivery(d.id))),
    attempts: Object.fromEntries(
      await Promise.all(deliveries.map(async (d) => [d.id, await store.listAttempts(d.id)])),
    ),
  };
}

async function main(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const sqlite = createSqliteStore({ filename: join(outDir, 'switchboard.db') });
  const manifest = await seed(sqlite);
  await sqlite.close();
  rmSync(join(outDir, 'switchboard.db-wal'), { force: true });
  rmSync(join(outDir, 'switchboard.db-shm'), { force: true });
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  // The same records in PostgreSQL, dumped as plain INSERTs (loadable without psql).
  if (postgresUrl) {
    const postgres = createPostgresStore({ connectionString: postgresUrl, poolSize: 2 });
    const again = await seed(postgres);
    await postgres.close();
    assert.deepEqual(again, manifest, 'both stores read the records back alike');
    const dump = execFileSync('pg_dump', ['--inserts', '--no-owner', '--no-privileges', postgresUrl], {
      encoding: 'utf8',
    });
    writeFileSync(join(outDir, 'postgres.sql'), dump);
  }
  console.log(`wrote ${outDir}`);
}

await main();
