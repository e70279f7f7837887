import Database from 'better-sqlite3';
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
import { sqliteDirectoryStore } from './directory.js';
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
import { sqliteOAuthStore } from './oauth.js';
import { preparePrivateDatabaseFile } from './private-database-file.js';
import { queueSummary } from './queue-summary.js';
import { recordAttempts } from './record-attempts.js';
import { recoverDeliveries, redeliver } from './requeue-deliveries.js';
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

function durably<T>(db: Database.Database, write: () => T): T {
  db.pragma('synchronous = FULL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for tests. */
  filename: string;
}

/**
 * The embedded default store: one SQLite file in WAL mode. better-sqlite3 is synchronous, which
 * on one node is the fastest way to run SQLite; the async Store methods just wrap it.
 *
 * Durability is chosen per write: a publish commits with `synchronous = FULL`, so an answered
 * publish is on disk even across a power cut (docs/architecture.md "At-least-once"). Leases and attempt
 * records commit with `NORMAL` (WAL: safe across a process crash, not a power cut): losing one
 * only means a delivery is sent again, which at-least-once allows, and it saves two fsyncs per
 * claim cycle. The next FULL commit syncs everything before it.
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  if (options.filename !== ':memory:') preparePrivateDatabaseFile(options.filename);
  const db = new Database(options.filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // A 4 MB page cache, not better-sqlite3's 16 MB: the pages the dispatcher works on (the due
  // index's head, the newest rows) fit, and the rest is in the OS's cache anyway. Draining a
  // million deliveries, peak RSS 294–303 → 280–282 MB at the same rate (docs/performance.md
  // "Sixth round").
  db.pragma('cache_size = -4000');
  const capabilities: StoreCapabilities = { notify: false };

  const store: Store = {
    ...sqliteDirectoryStore(db),
    ...sqliteOAuthStore(db),
    capabilities,
    migrate: async () => migrate(db),
    close: async () => {
      if (db.open) db.close();
    },

    createToken: async (t) => createToken(db, t),
    findTokenByHash: async (hash) => findTokenByHash(db, hash),
    listTokens: async (q) => listTokens(db, q.accountId),
    revokeToken: async (id, at) => revokeToken(db, id, at),
    countTokens: async () => countTokens(db),

    createSubscription: async (s, limit) => createSubscription(db, s, limit),
    getSubscription: async (id) => getSubscription(db, id),
    listSubscriptions: async (q) => listSubscriptions(db, q),
    countLiveSubscriptions: async (a, e) => countLiveSubscriptions(db, a, e),
    updateSubscription: async (id, patch, condition) => updateSubscription(db, id, patch, condition),
    deleteSubscription: async (id) => deleteSubscription(db, id),

    publish: async (items, lease) => durably(db, () => publish(db, items, lease)),
    getEvent: async (id) => getEvent(db, id),

    claimDue: async (o) => claimDue(db, o),
    releaseClaims: async (ids, notBefore) => releaseClaims(db, ids, notBefore),
    makePutOffDue: async (now) => makePutOffDue(db, now),
    putOffNeverAttempted: async (subscriptionId, until, now) =>
      putOffNeverAttempted(db, subscriptionId, until, now),
    extendLeases: async (ids, until) => extendLeases(db, ids, until),
    recordAttempts: async (results) => recordAttempts(db, results),
    nextDueAt: async () => nextDueAt(db),

    getDelivery: async (id) => getDelivery(db, id),
    listDeliveries: async (q) => listDeliveries(db, q),
    listAttempts: async (id) => listAttempts(db, id),
    redeliver: async (id, now) => redeliver(db, id, now),
    recoverDeliveries: async (sub, since, now) => recoverDeliveries(db, sub, since, now),
    countDeliveries: async (sub) => countDeliveries(db, sub),
    searchDeliveries: async (q) => searchDeliveries(db, q),
    searchEvents: async (q) => searchEvents(db, q),
    redeliverMatching: async (q, now) => redeliverMatching(db, q, now),
    queueSummary: async (now) => queueSummary(db, now),

    expireSubscriptions: async (now) => expireSubscriptions(db, now),
    purgeExpiredSubscriptions: async (before) => purgeExpiredSubscriptions(db, before),
    claimReminders: async (now) => claimReminders(db, now),
    claimProbes: async (now, next) => claimProbes(db, now, next),
    expireBacklog: async (before, now) => expireBacklog(db, before, now),
    pruneDelivered: async (before) => pruneDelivered(db, before),
  };
  return raiseStoreUnavailable(store, isUnavailable);
}
