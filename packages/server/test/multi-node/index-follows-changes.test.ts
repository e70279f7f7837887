import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { resolveConfig } from '../../src/config.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import {
  createTestSchema,
  postgresSkipReason,
  TEST_DATABASE_URL,
  type TestSchema,
} from '../helpers/test-postgres.js';
import { waitFor } from '../helpers/wait-for.js';
import { makeSubscription } from '../store/fixtures.js';

/**
 * Two nodes in one process on one PostgreSQL schema: what one node does to subscriptions reaches
 * the other's filter index through change notifications (store.watch, filters/follow-store-changes.ts),
 * and a change made behind the nodes' backs through the periodic resync.
 */
const skip = await postgresSkipReason();
const presence = (extension: number) => `/restapi/v1.0/account/1001/extension/${extension}/presence`;

describe('a node follows subscription changes made on another node', { skip: skip ?? false }, () => {
  let schema: TestSchema;
  let a: App;
  let b: App;
  let token: string;
  const clock = new ManualClock(Date.now());

  const startNode = async (indexResyncMs: number) =>
    createApp({
      config: resolveConfig({
        flags: { port: 0, logLevel: 'silent', dataDir: '/nonexistent', indexResyncMs },
      }),
      clock,
      logger: pino({ level: 'silent' }),
      store: createPostgresStore({ connectionString: TEST_DATABASE_URL, poolSize: 2, schema: schema.name }),
      handshake: async () => ({ ok: true, latencyMs: 1 }),
    });

  const call = async (app: App, method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) => {
    const res = await app.api.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
  };

  /** Subscriptions B would deliver an event at this extension to. */
  const bMatches = (extension: number) =>
    b.ctx.index.match({ path: presence(extension), params: {}, accountId: '1001' }).length;

  before(async () => {
    schema = await createTestSchema('follow');
    a = await startNode(600_000);
    b = await startNode(200);
    token = a.createdAdminToken ?? '';
    assert.ok(token, 'the first node created the admin token');
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
    await schema?.drop();
  });

  test('created, updated, deleted and expired on one node: the other index follows', async () => {
    const created = await call(a, 'POST', '/restapi/v1.0/subscription', {
      eventFilters: [presence(4001)],
      deliveryMode: { transportType: 'WebHook', address: 'http://127.0.0.1:9/hook' },
      expiresIn: 3600,
    });
    assert.equal(created.status, 200);
    const id = created.body.id as string;
    await waitFor(() => bMatches(4001) === 1, 'node B to index the new subscription');

    assert.equal(
      (await call(a, 'PUT', `/restapi/v1.0/subscription/${id}`, { eventFilters: [presence(4002)] })).status,
      200,
    );
    await waitFor(() => bMatches(4002) === 1 && bMatches(4001) === 0, 'node B to follow the new filters');

    assert.equal((await call(a, 'DELETE', `/restapi/v1.0/subscription/${id}`)).status, 204);
    await waitFor(() => bMatches(4002) === 0, 'node B to drop the deleted subscription');

    const expiring = await call(a, 'POST', '/restapi/v1.0/subscription', {
      eventFilters: [presence(4003)],
      deliveryMode: { transportType: 'WebHook', address: 'http://127.0.0.1:9/hook' },
      expiresIn: 60,
    });
    assert.equal(expiring.status, 200);
    await waitFor(() => bMatches(4003) === 1, 'node B to index the expiring subscription');
    clock.advance(61_000);
    assert.equal((await a.scheduler.tick()).expired, 1, 'node A expired it');
    await waitFor(() => bMatches(4003) === 0, 'node B to drop the expired subscription');
  });

  test('a change no notification announced is picked up by the periodic resync', async () => {
    const sub = makeSubscription({ eventFilters: [presence(4004)], expiresAt: clock.now() + 3_600_000 });
    // Written behind the nodes' backs: no NOTIFY.
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO ${schema.name}.subscriptions (id, account_id, extension_id, event_filters, address,
           signing_secrets, status, created_at, expires_at, expires_in, updated_at)
         VALUES ($1, '1001', '2001', $2::jsonb, $3, '[]', 'Active', $4, $5, 3600, $4)`,
        [sub.id, JSON.stringify(sub.eventFilters), sub.address, clock.now(), sub.expiresAt],
      );
    } finally {
      await client.end();
    }
    await waitFor(() => bMatches(4004) === 1, 'node B (resync every 200 ms) to find it', 5000);
  });
});
