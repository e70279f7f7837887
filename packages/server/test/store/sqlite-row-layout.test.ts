import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Subscription } from '../../src/model.js';
import { publish } from '../../src/store/sqlite/events.js';
import { migrate } from '../../src/store/sqlite/migrate.js';
import { createSubscription } from '../../src/store/sqlite/subscriptions.js';
import { makeDelivery, makeEvent, makeSubscription } from './fixtures.js';

/**
 * A publish writes each subscription's deliveries next to each other in the table. A claim and a
 * batch of outcomes mostly touch one subscription's rows; written event by event, the rows of one
 * subscription lay one to a page, and leasing 256 of them rewrote over a hundred pages into the WAL
 * (docs/performance.md "Fifth round"). Rowid order is the table's order on disk.
 */
test('a publish stores each subscription’s deliveries in one run of the table, in publish order', () => {
  const db = new Database(':memory:');
  migrate(db);
  const subscriptions: Subscription[] = Array.from({ length: 5 }, () => makeSubscription());
  for (const s of subscriptions) createSubscription(db, s, { maxLive: 100 });
  const items = Array.from({ length: 40 }, () => {
    const event = makeEvent();
    return { event, deliveries: subscriptions.map((s) => makeDelivery(event, s)) };
  });
  publish(db, items);

  for (const s of subscriptions) {
    const rows = db
      .prepare('SELECT rowid, event_id FROM deliveries WHERE subscription_id = ? ORDER BY rowid')
      .all(s.id) as Array<{ rowid: number; event_id: string }>;
    assert.equal(rows.length, items.length);
    const first = rows[0]?.rowid ?? 0;
    const last = rows.at(-1)?.rowid ?? 0;
    assert.equal(
      last - first + 1,
      rows.length,
      `subscription ${s.id}: rows ${first}..${last} are not one run`,
    );
    assert.deepEqual(
      rows.map((r) => r.event_id),
      items.map((i) => i.event.id),
      'in the order the events were published',
    );
  }
  db.close();
});
