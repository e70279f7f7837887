import type { Database } from 'better-sqlite3';
import type { EventRecord } from '../../model.js';
import type { PublishItem, PublishResult } from '../store.js';
import { prepared } from './prepared.js';
import { type EventRow, eventFromRow } from './rows.js';

function findByPublisherId(db: Database, accountId: string, publisherId: string): EventRecord | null {
  const row = prepared(db, 'SELECT * FROM events WHERE account_id = ? AND publisher_id = ?').get(
    accountId,
    publisherId,
  ) as EventRow | undefined;
  return row ? eventFromRow(row) : null;
}

/**
 * Events and their deliveries in ONE transaction: the publisher's 2xx comes after the commit,
 * so an acknowledged event always has its deliveries on disk (DESIGN.md "Guarantees").
 */
export function publish(db: Database, items: PublishItem[]): PublishResult[] {
  const insertEvent = prepared(
    db,
    `INSERT INTO events (id, account_id, path, body_json, publisher_id, created_at, matched)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDelivery = prepared(
    db,
    `INSERT INTO deliveries (id, uuid, event_id, subscription_id, filter, state, attempts, retry_step,
       next_attempt_at, locked_until, created_at, updated_at, last_status, last_error)
     VALUES (?, ?, ?, ?, ?, 'pending', 0, 0, ?, NULL, ?, ?, NULL, NULL)`,
  );
  return db.transaction(() =>
    items.map(({ event: e, deliveries }): PublishResult => {
      if (e.publisherId !== null) {
        const existing = findByPublisherId(db, e.accountId, e.publisherId);
        if (existing) return { event: existing, created: false };
      }
      insertEvent.run(e.id, e.accountId, e.path, e.bodyJson, e.publisherId, e.createdAt, e.matched);
      for (const d of deliveries) {
        insertDelivery.run(
          d.id,
          d.uuid,
          e.id,
          d.subscriptionId,
          d.filter,
          d.nextAttemptAt,
          d.createdAt,
          d.updatedAt,
        );
      }
      return { event: e, created: true };
    }),
  )();
}

export function getEvent(db: Database, id: string): EventRecord | null {
  const row = prepared(db, 'SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
  return row ? eventFromRow(row) : null;
}
