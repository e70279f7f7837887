import type { Database } from 'better-sqlite3';
import type { EventRecord } from '../../model.js';
import { groupBySubscription } from '../group-by-subscription.js';
import { keyHandOver } from '../key-hand-over.js';
import type { PublishItem, PublishLease, PublishResult } from '../store.js';
import { busyKeys, takeOrderingSeqs } from './ordering-keys.js';
import { prepared } from './prepared.js';
import { type EventRow, eventFromRow } from './rows.js';
import { sendTargets } from './send-targets.js';

function findByPublisherId(db: Database, accountId: string, publisherId: string): EventRecord | null {
  const row = prepared(db, 'SELECT * FROM events WHERE account_id = ? AND publisher_id = ?').get(
    accountId,
    publisherId,
  ) as EventRow | undefined;
  return row ? eventFromRow(row) : null;
}

/**
 * Events and their deliveries in ONE transaction: the publisher's 2xx comes after the commit,
 * so an acknowledged event always has its deliveries on disk (docs/architecture.md "Guarantees").
 * Deliveries `lease` takes are inserted leased and returned in `claimed` (store.ts PublishLease).
 */
export function publish(db: Database, items: PublishItem[], lease?: PublishLease): PublishResult[] {
  const insertEvent = prepared(
    db,
    `INSERT INTO events (id, account_id, path, body_json, publisher_id, created_at, matched, published_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDelivery = prepared(
    db,
    `INSERT INTO deliveries (id, uuid, event_id, subscription_id, filter, state, attempts, retry_step,
       next_attempt_at, locked_until, created_at, updated_at, last_status, last_error, ordering_key, ordering_seq)
     VALUES (?, ?, ?, ?, ?, 'pending', 0, 0, ?, ?, ?, ?, NULL, NULL, ?, ?)`,
  );
  const targets = sendTargets(db);
  return db.transaction(() => {
    const results = items.map(({ event: e }): PublishResult => {
      if (e.publisherId !== null) {
        const existing = findByPublisherId(db, e.accountId, e.publisherId);
        if (existing) return { event: existing, created: false, claimed: [] };
      }
      insertEvent.run(
        e.id,
        e.accountId,
        e.path,
        e.bodyJson,
        e.publisherId,
        e.createdAt,
        e.matched,
        e.publishedBy ?? null,
      );
      return { event: e, created: true, claimed: [] };
    });
    // Grouped by subscription (group-by-subscription.ts): written event by event, one
    // subscription's rows lay one to a page, and leasing 256 of them rewrote over a hundred pages
    // into the WAL.
    const all = groupBySubscription(
      items.flatMap(({ deliveries }, i) => {
        const result = results[i] as PublishResult;
        return result.created ? deliveries.map((d) => ({ d, result })) : [];
      }),
      ({ d }) => d.subscriptionId,
    );
    // Per-key order (docs/ordering.md): ordered deliveries are numbered in publish order (a key
    // belongs to one subscription, whose deliveries keep that order here), and one is handed over
    // only when its key has nothing earlier still open.
    const ordered = all.filter(({ d }) => d.orderingKey != null).length;
    let nextSeq = ordered > 0 ? takeOrderingSeqs(db, ordered) : 0;
    const mayTake = keyHandOver(
      ordered > 0 && lease
        ? busyKeys(
            db,
            all.map(({ d }) => d),
          )
        : new Set(),
    );
    for (const { d, result } of all) {
      const target = lease && mayTake(d) ? targets(d.subscriptionId) : null;
      const taken = target !== null && lease?.take(d.subscriptionId) === true;
      const orderingKey = d.orderingKey ?? null;
      insertDelivery.run(
        d.id,
        d.uuid,
        result.event.id,
        d.subscriptionId,
        d.filter,
        taken ? d.nextAttemptAt : Math.max(d.nextAttemptAt, lease?.notBefore?.(d.subscriptionId) ?? 0),
        taken ? (lease?.until ?? null) : null,
        d.createdAt,
        d.updatedAt,
        orderingKey,
        orderingKey === null ? null : nextSeq++,
      );
      if (taken) result.claimed.push({ delivery: d, event: result.event, subscription: target });
    }
    return results;
  })();
}

export function getEvent(db: Database, id: string): EventRecord | null {
  const row = prepared(db, 'SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
  return row ? eventFromRow(row) : null;
}
