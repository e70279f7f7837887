/**
 * One node versus several on one PostgreSQL (figures in docs/scaling.md): the multi-node
 * test's workload — 20,000 events, each matching exactly one of 50 subscriptions, published in
 * batches of 250 by 3 publishers to every node in turn — delivered to 5 minimal receivers in this
 * process. Deliveries per second from the first publish to the last receipt, best of `runs`.
 *
 *   node --import tsx bench/multi-node-throughput.ts [runs] [node counts…]   (default: 2 1 3)
 *
 * Needs the PostgreSQL of the tests (SWITCHBOARD_TEST_DATABASE_URL or 127.0.0.1:5432, user postgres).
 */
import { Cluster } from '../packages/server/test/multi-node/cluster.js';
import { CountingReceivers } from '../packages/server/test/multi-node/counting-receivers.js';
import { publishEvents } from '../packages/server/test/multi-node/publisher.js';

const RUNS = Number(process.argv[2] ?? 2);
const SIZES = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [1, 3];
const EVENTS = 20_000;
const SUBSCRIPTIONS = 50;
const ENV = {
  SWITCHBOARD_POLL_INTERVAL_MS: '250',
  SWITCHBOARD_DATABASE_POOL_SIZE: '5',
  SWITCHBOARD_MAX_SUBSCRIPTIONS_PER_EXTENSION: String(SUBSCRIPTIONS),
  SWITCHBOARD_DELIVERY_TIMEOUT_MS: '15000',
};

async function once(size: number): Promise<{ perSecond: number; publishPerSecond: number; split: string }> {
  let cluster: Cluster | null = null;
  const receivers = await CountingReceivers.start(5, () => cluster?.pids() ?? new Map());
  cluster = await Cluster.start(size, ENV);
  try {
    const urls = receivers.urls();
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const node = cluster.live()[i % size];
      if (!node) throw new Error('no live node');
      const res = await fetch(`${node.url}/restapi/v1.0/subscription`, {
        method: 'POST',
        headers: { authorization: `Bearer ${node.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          eventFilters: [`/restapi/v1.0/account/~/extension/${3000 + i}/presence`],
          deliveryMode: { transportType: 'WebHook', address: urls[i % urls.length] },
        }),
      });
      if (res.status !== 200) throw new Error(`subscribe: ${res.status} ${await res.text()}`);
    }
    // Change notifications reach the other nodes' indexes in milliseconds; give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const published = await publishEvents({
      cluster,
      total: EVENTS,
      batch: 250,
      concurrency: 3,
      idPrefix: 'bench',
      path: (seq) => `/restapi/v1.0/account/1001/extension/${3000 + (seq % SUBSCRIPTIONS)}/presence`,
      giveUpMs: 60_000,
    });
    const deadline = Date.now() + 300_000;
    while (receivers.bySeq.size < EVENTS && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    if (receivers.bySeq.size < EVENTS) throw new Error(`only ${receivers.bySeq.size} of ${EVENTS} delivered`);
    const split = [...(await receivers.byNode())]
      .filter(([, n]) => n > 0)
      .map(([node, n]) => `${node} ${n}`)
      .join(', ');
    return {
      perSecond: Math.round(EVENTS / ((receivers.lastAt - published.startedAt) / 1000)),
      publishPerSecond: Math.round(EVENTS / ((published.finishedAt - published.startedAt) / 1000)),
      split,
    };
  } finally {
    await cluster.stop();
    await receivers.close();
  }
}

for (const size of SIZES) {
  const results = [];
  for (let run = 0; run < RUNS; run++) results.push(await once(size));
  const best = results.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  console.log(
    JSON.stringify({
      nodes: size,
      deliveriesPerSecond: results.map((r) => r.perSecond),
      best: best.perSecond,
      publishedPerSecond: best.publishPerSecond,
      split: best.split,
    }),
  );
}
