import type { Logger } from 'pino';
import type { SubscriptionStatus } from '../model.js';
import type { Store } from '../store/store.js';
import type { MatchIndex } from './match-index.js';

/** What the filter index holds (app.ts): subscriptions that receive, or will again after a probe. */
const LIVE: SubscriptionStatus[] = ['Active', 'Blacklisted'];

export interface FollowStoreChangesOptions {
  store: Store;
  index: MatchIndex;
  logger: Logger;
  /** Claim now: deliveries were queued, perhaps by another node. */
  wake: () => void;
  /** How often to reload every live subscription, should a notification be missed. */
  resyncMs: number;
}

/**
 * Loads the live subscriptions into this node's filter index, then — with a store that notifies
 * (`capabilities.notify`, PostgreSQL) — keeps the index current with subscriptions created, changed,
 * expired or deleted on ANY node, and wakes the dispatcher when any node queues deliveries. A
 * single-node store needs only the initial load: every change goes through this process.
 *
 * Reloads run one at a time, in arrival order, each reading the store when it runs; since a change
 * is notified only after it commits, the last reload of a subscription always sees its last
 * change. Between a commit on one node and the reload on another, a publish on the other node
 * uses the index as it was (milliseconds; the notification is sent at COMMIT).
 *
 * Returns the function that stops following.
 */
export async function followStoreChanges(options: FollowStoreChangesOptions): Promise<() => Promise<void>> {
  const { store, index, logger } = options;
  /** Ids this function put in the index, so a full reload can remove those gone meanwhile. */
  const known = new Set<string>();
  const pending = new Set<string>();
  let resyncWanted = false;
  let draining: Promise<void> | null = null;

  async function reloadAll(): Promise<void> {
    const live = await store.listSubscriptions({ statuses: LIVE });
    const ids = new Set(live.map((s) => s.id));
    for (const id of known) {
      if (ids.has(id)) continue;
      index.remove(id);
      known.delete(id);
    }
    for (const s of live) {
      index.add(s);
      known.add(s.id);
    }
  }

  async function reloadOne(id: string): Promise<void> {
    const s = await store.getSubscription(id);
    if (s && LIVE.includes(s.status)) {
      index.add(s);
      known.add(id);
    } else {
      index.remove(id);
      known.delete(id);
    }
  }

  async function drain(): Promise<void> {
    while (resyncWanted || pending.size > 0) {
      if (resyncWanted) {
        resyncWanted = false;
        pending.clear();
        await reloadAll();
        continue;
      }
      const ids = [...pending];
      pending.clear();
      for (const id of ids) await reloadOne(id);
    }
  }

  function kick(): void {
    if (draining) return;
    draining = drain()
      .catch((err) =>
        // The store is unreachable: the reconnect (or the periodic resync) reloads everything.
        logger.warn({ err }, 'reloading subscriptions into the filter index failed; the next resync retries'),
      )
      .finally(() => {
        draining = null;
      });
  }

  await reloadAll();
  // A store that cannot notify is used by this process alone: every change already goes through it.
  if (!store.capabilities.notify || !store.watch) return async () => undefined;

  const unwatch = await store.watch({
    deliveriesQueued: options.wake,
    subscriptionChanged: (id) => {
      pending.add(id);
      kick();
    },
    resync: () => {
      resyncWanted = true;
      kick();
    },
  });
  const timer = setInterval(() => {
    resyncWanted = true;
    kick();
  }, options.resyncMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await unwatch();
    await draining;
  };
}
