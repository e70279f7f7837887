import type { Pool, PoolClient } from 'pg';
import type { Delivery, EventRecord } from '../../model.js';
import { groupBySubscription } from '../group-by-subscription.js';
import { keyHandOver } from '../key-hand-over.js';
import { type SendTargetRow, sendTargetFromRow } from '../record-rows.js';
import type { ClaimedDelivery, PublishItem, PublishLease, PublishResult } from '../store.js';
import { notifyDeliveries } from './notify-changes.js';
import { lockKeys, takeOrderingSeqs } from './ordering-keys.js';
import { prepared } from './prepared.js';
import { type EventRow, eventFromRow } from './rows.js';
import { inTransaction } from './transaction.js';

/**
 * Inserts the events whose publisher id is new, in one statement. **Idempotency under concurrency
 * rests on the unique index `events_publisher_id`**: two nodes publishing the same publisher id at
 * once both reach this INSERT; PostgreSQL makes the second wait for the first to commit, then
 * skips its row (ON CONFLICT DO NOTHING) instead of failing, and the caller reads the winner back.
 * A check-then-insert would let both through.
 */
async function insertNewEvents(client: PoolClient, batch: EventRecord[]): Promise<Set<string>> {
  // Inserted in publisher-id order: two overlapping batches then wait on each other's keys in the
  // same order and never deadlock. Within a batch the first of two equal ids wins (stable sort).
  const key = (e: EventRecord) => (e.publisherId === null ? '' : `${e.accountId}\u0000${e.publisherId}`);
  const events = [...batch].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  const { rows } = await client.query<{ id: string }>(
    prepared(
      `INSERT INTO events (id, account_id, path, body_json, publisher_id, created_at, matched, published_by)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::int[],
         $8::text[])
       ON CONFLICT (account_id, publisher_id) WHERE publisher_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        events.map((e) => e.id),
        events.map((e) => e.accountId),
        events.map((e) => e.path),
        events.map((e) => e.bodyJson),
        events.map((e) => e.publisherId),
        events.map((e) => e.createdAt),
        events.map((e) => e.matched),
        events.map((e) => e.publishedBy ?? null),
      ],
    ),
  );
  return new Set(rows.map((r) => r.id));
}

/** The events already stored under these publisher ids, keyed by account and publisher id. */
async function findByPublisherIds(
  client: PoolClient,
  events: EventRecord[],
): Promise<Map<string, EventRecord>> {
  const found = new Map<string, EventRecord>();
  if (events.length === 0) return found;
  const { rows } = await client.query<EventRow>(
    prepared(
      `SELECT e.* FROM events e JOIN unnest($1::text[], $2::text[]) AS k(account_id, publisher_id)
         ON e.account_id = k.account_id AND e.publisher_id = k.publisher_id`,
      [events.map((e) => e.accountId), events.map((e) => e.publisherId)],
    ),
  );
  for (const r of rows) found.set(JSON.stringify([r.account_id, r.publisher_id]), eventFromRow(r));
  return found;
}

/** What a sender needs of each of these subscriptions that is Active, by id. */
async function sendTargets(
  client: PoolClient,
  ids: string[],
): Promise<Map<string, ClaimedDelivery['subscription']>> {
  const { rows } = await client.query<SendTargetRow>(
    prepared(
      `SELECT id AS subscription_id, account_id, extension_id, address, verification_token, signing_secrets
       FROM subscriptions WHERE id = ANY($1::text[]) AND status = 'Active'`,
      [ids],
    ),
  );
  return new Map(rows.map((r) => [r.subscription_id, sendTargetFromRow(r)]));
}

/**
 * Inserts the deliveries of the created events in one statement; those `lease` takes go in leased
 * and come back, by event id, with what the sender needs.
 */
async function insertDeliveries(
  client: PoolClient,
  items: PublishItem[],
  busy: Set<string>,
  lease?: PublishLease,
): Promise<{ queued: number; claimed: Map<string, ClaimedDelivery[]> }> {
  const claimed = new Map<string, ClaimedDelivery[]>();
  const ds = groupBySubscription(
    items.flatMap(({ event, deliveries }) => deliveries.map((d) => ({ d, event }))),
    ({ d }) => d.subscriptionId,
  );
  if (ds.length === 0) return { queued: 0, claimed };
  const targets = lease
    ? await sendTargets(client, [...new Set(ds.map(({ d }) => d.subscriptionId))])
    : new Map<string, ClaimedDelivery['subscription']>();
  // Per-key order (docs/ordering.md): ordered deliveries are numbered in publish order, and one is
  // handed over only when its key has nothing earlier still open.
  const mayTake = keyHandOver(busy);
  const seqs = await orderingSeqs(
    client,
    ds.map(({ d }) => d),
  );
  const dueAt = ds.map(({ d }) => d.nextAttemptAt);
  const lockedUntil = ds.map(({ d, event }, i) => {
    const target = targets.get(d.subscriptionId);
    if (!target || !mayTake(d)) return null;
    if (!lease?.take(d.subscriptionId)) {
      dueAt[i] = Math.max(d.nextAttemptAt, lease?.notBefore?.(d.subscriptionId) ?? 0);
      return null;
    }
    const list = claimed.get(event.id) ?? [];
    list.push({ delivery: d, event, subscription: target });
    claimed.set(event.id, list);
    return lease.until;
  });
  await client.query(
    prepared(
      `INSERT INTO deliveries (id, uuid, event_id, subscription_id, filter, state, attempts, retry_step,
         next_attempt_at, locked_until, created_at, updated_at, last_status, last_error, ordering_key, ordering_seq)
       SELECT id, uuid, event_id, subscription_id, filter, 'pending', 0, 0, next_attempt_at, locked_until,
              created_at, updated_at, NULL, NULL, ordering_key, ordering_seq
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[],
                   $8::bigint[], $9::bigint[], $10::text[], $11::bigint[])
         AS d(id, uuid, event_id, subscription_id, filter, next_attempt_at, created_at, updated_at, locked_until,
              ordering_key, ordering_seq)`,
      [
        ds.map(({ d }) => d.id),
        ds.map(({ d }) => d.uuid),
        ds.map(({ event }) => event.id),
        ds.map(({ d }) => d.subscriptionId),
        ds.map(({ d }) => d.filter),
        dueAt,
        ds.map(({ d }) => d.createdAt),
        ds.map(({ d }) => d.updatedAt),
        lockedUntil,
        ds.map(({ d }) => d.orderingKey ?? null),
        seqs,
      ],
    ),
  );
  return { queued: ds.length, claimed };
}

/** Each delivery's place in its key's order (null when unordered), taken in the deliveries' order. */
async function orderingSeqs(client: PoolClient, deliveries: Delivery[]): Promise<Array<number | null>> {
  const count = deliveries.filter((d) => d.orderingKey != null).length;
  if (count === 0) return deliveries.map(() => null);
  const seqs = await takeOrderingSeqs(client, count);
  let next = 0;
  return deliveries.map((d) => (d.orderingKey == null ? null : (seqs[next++] ?? null)));
}

/**
 * Events and their deliveries in ONE transaction, with the wake-up NOTIFY: the publisher's 2xx
 * comes after the commit, so an acknowledged event always has its deliveries on disk
 * (docs/architecture.md "Guarantees"), and other nodes hear about it only once it is there to claim.
 */
export async function publish(
  pool: Pool,
  items: PublishItem[],
  lease?: PublishLease,
): Promise<PublishResult[]> {
  if (items.length === 0) return [];
  return inTransaction(pool, async (client) => {
    // Key locks first, before any row is written: a publish waiting for a key then holds nothing
    // another publish could be waiting for (the publisher-id index), so the two never deadlock.
    const ordered = items.flatMap((i) => i.deliveries).filter((d) => d.orderingKey != null);
    const busy = ordered.length > 0 ? await lockKeys(client, ordered) : new Set<string>();
    const created = await insertNewEvents(
      client,
      items.map((i) => i.event),
    );
    const skipped = items.filter((i) => !created.has(i.event.id)).map((i) => i.event);
    const existing = await findByPublisherIds(client, skipped);
    const { queued, claimed } = await insertDeliveries(
      client,
      items.filter((i) => created.has(i.event.id)),
      busy,
      lease,
    );
    // Other nodes are woken only for deliveries left for anyone to claim.
    if (queued > [...claimed.values()].reduce((n, list) => n + list.length, 0))
      await notifyDeliveries(client);
    return items.map(({ event }): PublishResult => {
      if (created.has(event.id)) return { event, created: true, claimed: claimed.get(event.id) ?? [] };
      const first = existing.get(JSON.stringify([event.accountId, event.publisherId]));
      if (!first) throw new Error(`event ${event.id} was neither stored nor found by its publisher id`);
      return { event: first, created: false, claimed: [] };
    });
  });
}

export async function getEvent(pool: Pool, id: string): Promise<EventRecord | null> {
  const { rows } = await pool.query<EventRow>(prepared('SELECT * FROM events WHERE id = $1', [id]));
  return rows[0] ? eventFromRow(rows[0]) : null;
}
