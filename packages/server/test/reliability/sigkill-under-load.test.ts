import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { type ServerProcess, startServerProcess, waitForExit } from '../helpers/server-process.js';
import { waitFor } from '../helpers/wait-for.js';
import { countingReceiver } from './support/counting-receiver.js';
import { seededRandom } from './support/seeded-random.js';
import { soakScale } from './support/soak-scale.js';

/**
 * docs/architecture.md "Guarantees" → At-least-once, under fire (docs/reliability.md): a real `switchboard serve` child
 * process is SIGKILLed at random moments while a publisher publishes and the dispatcher delivers,
 * and restarted on the same data directory each time. Every event whose publish was answered
 * 202 must reach the receiver; duplicates are allowed (the same uuid resent) and reported; a
 * second publication of one event (a new uuid) is not, since the publisher retries with its ids.
 *
 * Each kill waits until the (re)started server has acknowledged and delivered something, then a
 * random 0-1000 ms drawn from a seeded PRNG (SWITCHBOARD_CRASH_SEED repeats a run), so it lands
 * anywhere in publishing, claiming, sending and recording. `npm run soak` multiplies the kills.
 */

const SCALE = soakScale();
const KILLS = 5 * SCALE;
const BATCH = 20;
const PATH = '/restapi/v1.0/account/1001/extension/2001/message-store';
const SEED = Number(process.env.SWITCHBOARD_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

test(`SIGKILL at ${KILLS} random points under load loses no acknowledged event`, {
  timeout: 120_000 * SCALE,
}, async (t) => {
  const started = Date.now();
  const random = seededRandom(SEED);
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-sigkill-'));
  const receiver = await countingReceiver();
  // A short lease, so a killed node's claimed deliveries are free again soon after the restart.
  const env = { SWITCHBOARD_LEASE_MS: '1000', SWITCHBOARD_POLL_INTERVAL_MS: '100' };
  let server: ServerProcess = await startServerProcess(dataDir, env);
  let serverUp: Promise<void> = Promise.resolve();
  const post = (path: string, body: unknown) =>
    fetch(server.url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });

  const acknowledged = new Set<number>();
  const kills: string[] = [];
  let retriedPosts = 0;
  let publishing = true;
  try {
    const created = await post('/restapi/v1.0/subscription', {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/message-store'],
      deliveryMode: { transportType: 'WebHook', address: receiver.url },
    });
    assert.equal(created.status, 200);
    const subscriptionId = ((await created.json()) as { id: string }).id;

    // A publisher like a real one: a batch not answered 202 is sent again with the same ids, so
    // one committed just before a kill is not published twice.
    const publisher = (async () => {
      for (let next = 0; publishing; next += BATCH) {
        const events = Array.from({ length: BATCH }, (_, i) => ({
          id: `seq-${next + i}`,
          event: PATH,
          body: { seq: next + i },
        }));
        for (;;) {
          await serverUp;
          const res = await post('/v1/events', { events }).catch(() => null);
          if (res?.status === 202) break;
          retriedPosts++;
          await delay(20);
        }
        for (const e of events) acknowledged.add(e.body.seq);
      }
    })();

    for (let k = 1; k <= KILLS; k++) {
      // Kill a server under load: wait until it has acknowledged and delivered something since
      // its (re)start, then for the random part.
      const since = { acknowledged: acknowledged.size, received: receiver.seen.size };
      await waitFor(
        () => acknowledged.size > since.acknowledged && receiver.seen.size > since.received,
        'publishing and delivering after the restart',
        20_000,
      );
      const wait = Math.round(random() * 1000);
      await delay(wait);
      kills.push(`+${wait} ms: ${acknowledged.size} acknowledged, ${receiver.seen.size} received`);
      let restarted = () => {};
      serverUp = new Promise((resolve) => {
        restarted = resolve;
      });
      server.child.kill('SIGKILL');
      await waitForExit(server.child);
      server = await startServerProcess(dataDir, env);
      restarted();
    }
    publishing = false;
    await publisher;

    const missing = () => [...acknowledged].filter((seq) => !receiver.seen.has(seq));
    await waitFor(() => missing().length === 0, 'every acknowledged event', 30_000).catch(() => undefined);
    const lost = missing();
    // The server's own view settles too: deliveries sent just before the last kill but not yet
    // recorded are sent again once their lease runs out (the duplicates counted below).
    let counts: Record<string, number> = {};
    const settled = async () => {
      const report = await fetch(`${server.url}/v1/subscriptions/${subscriptionId}`, {
        headers: { authorization: `Bearer ${server.token}` },
      });
      counts = ((await report.json()) as { deliveries: Record<string, number> }).deliveries;
      return counts.pending === 0;
    };
    for (const deadline = Date.now() + 30_000; !(await settled()) && Date.now() < deadline; )
      await delay(100);
    const { resent, republished } = receiver.duplicates();

    t.diagnostic(`seed ${SEED} (SWITCHBOARD_CRASH_SEED repeats it); kills: ${kills.join('; ')}`);
    t.diagnostic(
      `published ${acknowledged.size} (acknowledged), delivered ${acknowledged.size - lost.length}, ` +
        `lost ${lost.length}, duplicates ${resent} (same uuid resent), republished ${republished}, ` +
        `publish requests retried ${retriedPosts}, server deliveries ${JSON.stringify(counts)}, ` +
        `${Math.round((Date.now() - started) / 1000)} s`,
    );
    assert.equal(kills.length, KILLS);
    assert.deepEqual(lost, [], 'every acknowledged event reached the receiver');
    assert.equal(republished, 0, 'no event was published twice: retries with ids are idempotent');
    assert.equal(counts.delivered, acknowledged.size, 'one delivery per event, all delivered');
    assert.equal((counts.pending ?? 0) + (counts.dead ?? 0) + (counts.expired ?? 0), 0);
  } finally {
    publishing = false;
    server.child.kill('SIGKILL');
    await waitForExit(server.child);
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
