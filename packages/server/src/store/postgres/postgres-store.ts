import pg, { type PoolConfig } from 'pg';
import { raiseStoreUnavailable } from '../raise-store-unavailable.js';
import type { Store, StoreCapabilities } from '../store.js';
import {
  claimDue,
  extendLeases,
  makePutOffDue,
  nextDueAt,
  putOffNeverAttempted,
  releaseClaims,
} from './claim-due.js';
import { postgresDirectoryStore } from './directory.js';
import { getEvent, publish } from './events.js';
import { countDeliveries, getDelivery, listAttempts, listDeliveries } from './inspect-deliveries.js';
import { isUnavailable } from './is-unavailable.js';
import {
  claimProbes,
  claimReminders,
  expireBacklog,
  expireSubscriptions,
  pruneDelivered,
  purgeExpiredSubscriptions,
} from './maintenance.js';
import { migrate } from './migrate.js';
import { postgresOAuthStore } from './oauth.js';
import { queueSummary } from './queue-summary.js';
import { recordAttempts } from './record-attempts.js';
import { recoverDeliveries, redeliver } from './requeue-deliveries.js';
import { rowTypes } from './rows.js';
import { redeliverMatching, searchDeliveries, searchEvents } from './search-deliveries.js';
import {
  countLiveSubscriptions,
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  updateSubscription,
} from './subscriptions.js';
import { countTokens, createToken, findTokenByHash, listTokens, revokeToken } from './tokens.js';
import { type WatchLog, watchChanges } from './watch-changes.js';

export interface PostgresStoreOptions {
  /** A `postgres://` URL (libpq style: `?options=-csearch_path%3Dmyschema` selects a schema). */
  connectionString: string;
  /** Connections in the pool of this node. */
  poolSize: number;
  /** Sets `search_path` on every connection (tests use a throwaway schema per file). */
  schema?: string;
  /** Where connection trouble is reported; it is never thrown at an idle caller. */
  log?: WatchLog;
}

const quietLog: WatchLog = { warn: () => undefined };

/**
 * The scale-out store: any number of nodes share one PostgreSQL database (docs/architecture.md "Storage and
 * scale"). Claims use FOR UPDATE SKIP LOCKED under a lease (claim-due.ts); publishes and attempt
 * records are single transactions; background jobs claim rows idempotently (maintenance.ts);
 * LISTEN/NOTIFY wakes idle nodes and keeps every node's filter index current (watch-changes.ts).
 *
 * The pool survives a database restart by itself: a broken connection is dropped (the `error`
 * handler keeps it from crashing the process), the next query opens a new one, and queries in
 * the meantime fail fast with connection errors, raised as StoreUnavailableError (is-unavailable.ts),
 * that the API answers with 503 CMN-201.
 */
export function createPostgresStore(options: PostgresStoreOptions): Store {
  if (options.schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.schema))
    throw new Error(`Invalid PostgreSQL schema name "${options.schema}": letters, digits and _ only`);
  const log = options.log ?? quietLog;
  const connection: PoolConfig = {
    connectionString: options.connectionString,
    types: rowTypes,
    keepAlive: true,
    // Fail fast instead of queueing forever when the database is down; the API answers 503.
    connectionTimeoutMillis: 5000,
    application_name: 'switchboard',
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  const pool = new pg.Pool({ ...connection, max: options.poolSize, idleTimeoutMillis: 30_000 });
  pool.on('error', (err) => log.warn({ err }, 'an idle PostgreSQL connection failed; it was dropped'));
  const capabilities: StoreCapabilities = { notify: true };
  const watches = new Set<() => Promise<void>>();

  const store: Store = {
    ...postgresDirectoryStore(pool),
    ...postgresOAuthStore(pool),
    capabilities,
    migrate: () => migrate(pool),
    close: async () => {
      await Promise.all([...watches].map((stop) => stop()));
      watches.clear();
      if (!pool.ended) await pool.end();
    },
    watch: async (listener) => {
      const stop = await watchChanges(connection, listener, log);
      const unwatch = async () => {
        watches.delete(unwatch);
        await stop();
      };
      watches.add(unwatch);
      return unwatch;
    },

    createToken: (t) => createToken(pool, t),
    findTokenByHash: (hash) => findTokenByHash(pool, hash),
    listTokens: (q) => listTokens(pool, q.accountId),
    revokeToken: (id, at) => revokeToken(pool, id, at),
    countTokens: () => countTokens(pool),

    createSubscription: (s, limit) => createSubscription(pool, s, limit),
    getSubscription: (id) => getSubscription(pool, id),
    listSubscriptions: (q) => listSubscriptions(pool, q),
    countLiveSubscriptions: (a, e) => countLiveSubscriptions(pool, a, e),
    updateSubscription: (id, patch, condition) => updateSubscription(pool, id, patch, condition),
    deleteSubscription: (id) => deleteSubscription(pool, id),

    publish: (items, lease) => publish(pool, items, lease),
    getEvent: (id) => getEvent(pool, id),

    claimDue: (o) => claimDue(pool, o),
    releaseClaims: (ids, notBefore) => releaseClaims(pool, ids, notBefore),
    makePutOffDue: (now) => makePutOffDue(pool, now),
    putOffNeverAttempted: (subscriptionId, until, now) =>
      putOffNeverAttempted(pool, subscriptionId, until, now),
    extendLeases: (ids, until) => extendLeases(pool, ids, until),
    recordAttempts: (results) => recordAttempts(pool, results),
    nextDueAt: () => nextDueAt(pool),

    getDelivery: (id) => getDelivery(pool, id),
    listDeliveries: (q) => listDeliveries(pool, q),
    listAttempts: (id) => listAttempts(pool, id),
    redeliver: (id, now) => redeliver(pool, id, now),
    recoverDeliveries: (sub, since, now) => recoverDeliveries(pool, sub, since, now),
    countDeliveries: (sub) => countDeliveries(pool, sub),
    searchDeliveries: (q) => searchDeliveries(pool, q),
    searchEvents: (q) => searchEvents(pool, q),
    redeliverMatching: (q, now) => redeliverMatching(pool, q, now),
    queueSummary: (now) => queueSummary(pool, now),

    expireSubscriptions: (now) => expireSubscriptions(pool, now),
    purgeExpiredSubscriptions: (before) => purgeExpiredSubscriptions(pool, before),
    claimReminders: (now) => claimReminders(pool, now),
    claimProbes: (now, next) => claimProbes(pool, now, next),
    expireBacklog: (before, now) => expireBacklog(pool, before, now),
    pruneDelivered: (before) => pruneDelivered(pool, before),
  };
  return raiseStoreUnavailable(store, isUnavailable);
}
