import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { postgresSkipReason } from '../helpers/test-postgres.js';
import { waitFor } from '../helpers/wait-for.js';
import { Cluster } from './cluster.js';
import { publishEvents } from './publisher.js';

/**
 * Ordered delivery per key across nodes (docs/ordering.md "Across nodes"): three `switchboard
 * serve` processes on one PostgreSQL database, five ordered subscriptions, 6,000 events over 600
 * keys, one node SIGKILLed mid-run. Each key's ten events go out in one publish batch, so their
 * publish order is their `seq` order whichever node took the batch (a retried batch carries the
 * same publisher ids and creates nothing twice).
 */
const EVENTS = 6_000;
const BATCH = 250;
const KEYS_PER_BATCH = 25;
const SUBSCRIPTIONS = 5;
const NODES = 3;
const ENV = {
  SWITCHBOARD_POLL_INTERVAL_MS: '250',
  SWITCHBOARD_DATABASE_POOL_SIZE: '5',
  SWITCHBOARD_MAX_SUBSCRIPTIONS_PER_EXTENSION: String(SUBSCRIPTIONS + 10),
  SWITCHBOARD_INDEX_RESYNC_MS: '600000',
  // Short leases: the keys a killed node held are taken over within seconds.
  SWITCHBOARD_LEASE_MS: '5000',
};
const keyOf = (seq: number) => `b${Math.floor(seq / BATCH)}-${seq % KEYS_PER_BATCH}`;
const path = (seq: number) => `/restapi/v1.0/account/1001/extension/${3000 + (seq % SUBSCRIPTIONS)}/presence`;

const skip = await postgresSkipReason();

/**
 * Records, per key, the `seq` of every notification in arrival order, and whether a second
 * notification of a key ever arrived while the receiver still held one open (two in flight).
 */
class OrderRecorder {
  readonly arrivals = new Map<string, number[]>();
  readonly overlaps: string[] = [];
  private readonly open = new Set<string>();
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const token = req.headers['validation-token'];
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (typeof token === 'string' && chunks.length === 0) {
          res.writeHead(200, { 'validation-token': token }).end();
          return;
        }
        const n = JSON.parse(Buffer.concat(chunks).toString()) as { body: { seq: number; key: string } };
        const { key, seq } = n.body;
        if (this.open.has(key)) this.overlaps.push(`${key} (seq ${seq})`);
        this.open.add(key);
        // A request cut by a killed node no longer counts as open.
        res.once('close', () => {
          if (!res.writableFinished) this.open.delete(key);
        });
        const list = this.arrivals.get(key) ?? [];
        list.push(seq);
        this.arrivals.set(key, list);
        // Held open a moment, so a second request of the key sent meanwhile would be seen.
        setTimeout(() => {
          this.open.delete(key);
          res.writeHead(200).end();
        }, 2);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  seen(seq: number): boolean {
    return this.arrivals.get(keyOf(seq))?.includes(seq) ?? false;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('three nodes on one PostgreSQL, ordered subscriptions', { skip: skip ?? false }, () => {
  test('one node SIGKILLed mid-run: per key, one in flight and publish order; every event delivered', {
    timeout: 180_000,
  }, async (t) => {
    const recorder = new OrderRecorder();
    const url = await recorder.start();
    const cluster = await Cluster.start(NODES, ENV);
    try {
      for (let i = 0; i < SUBSCRIPTIONS; i++) {
        const node = cluster.live()[i % NODES];
        assert.ok(node);
        const res = await fetch(`${node.url}/restapi/v1.0/subscription`, {
          method: 'POST',
          headers: { authorization: `Bearer ${node.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            eventFilters: [`/restapi/v1.0/account/~/extension/${3000 + i}/presence`],
            deliveryMode: { transportType: 'WebHook', address: url },
            ordering: { key: 'body.key' },
          }),
        });
        assert.equal(res.status, 200, await res.text());
      }
      // Every node's index knows every subscription before publishing (change notifications).
      const deadline = Date.now() + 15_000;
      for (;;) {
        const counts = await Promise.all(
          cluster.live().map(async (node) => {
            const res = await fetch(`${node.url}/v1/events`, {
              method: 'POST',
              headers: { authorization: `Bearer ${node.token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ event: path(SUBSCRIPTIONS - 1), body: { seq: -1, key: 'probe' } }),
            });
            return ((await res.json()) as { events: Array<{ matched: number }> }).events[0]?.matched;
          }),
        );
        if (counts.every((n) => n === 1)) break;
        assert.ok(Date.now() < deadline, `the last subscription is not in every node's index: ${counts}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      const publishing = publishEvents({
        cluster,
        total: EVENTS,
        batch: BATCH,
        concurrency: 3,
        idPrefix: 'ordered',
        path,
        giveUpMs: 60_000,
        bodyOf: (seq) => ({ key: keyOf(seq) }),
      });
      const received = () =>
        [...recorder.arrivals].reduce((n, [key, list]) => n + (key === 'probe' ? 0 : list.length), 0);
      await waitFor(() => received() >= EVENTS / 3, 'a third of the deliveries', 90_000);
      await cluster.kill(1);
      const published = await publishing;
      const missing = () => [...published.acknowledged].filter((seq) => !recorder.seen(seq));
      await waitFor(() => missing().length === 0, 'every acknowledged event at the receiver', 120_000).catch(
        () => undefined,
      );

      const outOfOrder: string[] = [];
      for (const [key, seqs] of recorder.arrivals) {
        if (key === 'probe') continue;
        for (let i = 1; i < seqs.length; i++) {
          if ((seqs[i] ?? 0) < (seqs[i - 1] ?? 0)) outOfOrder.push(`${key}: ${seqs.join(' ')}`);
        }
      }
      t.diagnostic(
        `acknowledged ${published.acknowledged.size}, received ${received()} notifications over ` +
          `${recorder.arrivals.size} keys, missing ${missing().length}, out of order ${outOfOrder.length}`,
      );
      assert.equal(published.acknowledged.size, EVENTS);
      assert.deepEqual(missing(), [], 'every acknowledged event arrived');
      assert.deepEqual(outOfOrder.slice(0, 5), [], 'per key, arrivals in publish order (repeats allowed)');
      assert.deepEqual(recorder.overlaps.slice(0, 5), [], 'never two notifications of one key at once');
    } finally {
      await cluster.stop();
      await recorder.close();
    }
  });
});
