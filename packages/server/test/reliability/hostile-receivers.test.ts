import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pino from 'pino';
import { createApp } from '../../src/app.js';
import { resolveConfig } from '../../src/config.js';
import type { Attempt } from '../../src/model.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { waitFor } from '../helpers/wait-for.js';
import { countingReceiver } from './support/counting-receiver.js';
import { forkHostileReceivers } from './support/hostile-receivers-child.js';
import { soakScale } from './support/soak-scale.js';

/**
 * Hostile receivers (docs/reliability.md, docs/architecture.md "Isolation"): eight misbehaving receivers (in a child
 * process of their own) subscribed next to a healthy one, all getting every event, with the real
 * dispatcher loop on real time and a 500 ms delivery timeout. Each hostile attempt ends within
 * the timeout (plus scheduling slack) and reads at most the snippet cap; the server's memory
 * stays flat (sampled all through the attack, so a buffered 100 MB answer would show); and the
 * healthy subscription's deliveries keep arriving, each on its first attempt.
 */

const TIMEOUT_MS = 500;
/** What a loaded CI machine may add to the deadline before the attempt is recorded. */
const SLACK_MS = 700;
const SCALE = soakScale();
const EVENTS = 20 * SCALE;
const MB = 1024 * 1024;
const PATH = '/restapi/v1.0/account/1001/extension/2001/presence';
const TIMED_OUT = /\[Read timed out\]$/;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function memory() {
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, buffers: m.arrayBuffers };
}

/**
 * How each receiver's attempts must end. `error` null: a 2xx. A timeout is also accepted for the
 * others, as long as most attempts show the specific failure: on a loaded machine an answer can
 * arrive after its deadline, and "bounded by the timeout" is the property that matters.
 */
const EXPECTED: Record<string, { error: RegExp | null; status: number | null }> = {
  'never answers': { error: TIMED_OUT, status: null },
  'one byte per second': { error: TIMED_OUT, status: null },
  'a 100 MB response': { error: null, status: 200 },
  'endless redirects': {
    error: /^Webhook responses with code: \[307\], reason: \[Temporary Redirect\]$/,
    status: 307,
  },
  'a Content-Length longer than the body': { error: TIMED_OUT, status: 200 },
  'a Content-Length shorter than the body': { error: null, status: 200 },
  'a certificate that does not verify': { error: /\[Certificate is not valid: [A-Z_]+\]$/, status: null },
  'resets the connection': { error: /\[Connection reset\]$/, status: null },
};

test('hostile receivers are bounded and do not slow a healthy one', {
  timeout: 120_000 * SCALE,
}, async (t) => {
  const hostile = await forkHostileReceivers();
  const healthy = await countingReceiver();
  const config = resolveConfig({
    flags: {
      port: 0,
      logLevel: 'silent',
      dataDir: '/nonexistent',
      deliveryTimeoutMs: TIMEOUT_MS,
      // Three quick retries: each failing receiver is attacked four times per event.
      retryScheduleMs: [100, 100, 100],
      retryJitter: 0,
      pollIntervalMs: 50,
    },
  });
  const app = await createApp({
    config,
    store: createSqliteStore({ filename: ':memory:' }),
    logger: pino({ level: 'silent' }),
    // Hostile receivers would fail a handshake; subscribing them is not what is tested here.
    handshake: async () => ({ ok: true, latencyMs: 1 }),
  });
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await app.api.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${app.createdAdminToken}`, 'content-type': 'application/json' },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
    return JSON.parse(res.body);
  };
  const subscriptionOf = new Map<string, string>();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  let sampler: NodeJS.Timeout | undefined;
  try {
    for (const target of [...hostile.receivers, { name: 'healthy', url: healthy.url }]) {
      const created = await call('POST', '/restapi/v1.0/subscription', {
        eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
        deliveryMode: { transportType: 'WebHook', address: target.url },
      });
      assert.ok(created.id, JSON.stringify(created));
      subscriptionOf.set(target.name, created.id);
    }
    app.dispatcher.start();
    const pending = async () =>
      ((await call('GET', '/v1/subscriptions')).records as Array<{ deliveries: { pending: number } }>).reduce(
        (n, r) => n + r.deliveries.pending,
        0,
      );
    const settled = async () => {
      const deadline = Date.now() + 60_000 * SCALE;
      while ((await pending()) > 0) {
        assert.ok(Date.now() < deadline, 'every hostile delivery finishes in time');
        await delay(50);
      }
    };

    // Warm-up: one round against every receiver first, so code loaded and caches filled once
    // (undici, TLS, SQLite pages) do not count as growth. Its events are not counted below.
    for (let seq = -3; seq < 0; seq++) await call('POST', '/v1/events', { event: PATH, body: { seq } });
    await settled();
    await waitFor(() => healthy.seen.size === 3, 'the warm-up events', 10_000);
    healthy.seen.clear();

    lag.enable();
    const baseline = memory();
    const peak = { ...baseline };
    sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak.rss = Math.max(peak.rss, m.rss);
      peak.buffers = Math.max(peak.buffers, m.arrayBuffers);
      peak.heap = Math.max(peak.heap, m.heapUsed);
    }, 20);

    // The attack: every event goes to all nine subscriptions, published over about two seconds.
    const publishedAt = new Map<number, number>();
    for (let seq = 0; seq < EVENTS; seq++) {
      publishedAt.set(seq, Date.now());
      const answer = await call('POST', '/v1/events', { event: PATH, body: { seq } });
      assert.equal(answer.events[0].matched, hostile.receivers.length + 1);
      await delay(100);
    }
    await waitFor(() => healthy.seen.size === EVENTS, 'the healthy receiver to get every event', 30_000);
    const latencies = [...healthy.seen.keys()].map(
      (seq) => healthy.receivedAt(seq) - (publishedAt.get(seq) ?? 0),
    );

    // Every hostile delivery reaches its end (delivered or dead); then stop, bounded.
    await settled();
    clearInterval(sampler);
    lag.disable();
    const stopStarted = Date.now();
    await app.dispatcher.stop();
    const stopMs = Date.now() - stopStarted;
    const after = memory();
    const stats = await hostile.stats();

    const lines: string[] = [];
    for (const { name } of hostile.receivers) {
      const deliveries = await app.ctx.store.listDeliveries({
        subscriptionId: subscriptionOf.get(name) ?? '',
        limit: 1000,
      });
      assert.equal(deliveries.length, EVENTS + 3, name);
      const attempts: Attempt[] = [];
      for (const d of deliveries) attempts.push(...(await app.ctx.store.listAttempts(d.id)));
      const expected = EXPECTED[name];
      assert.ok(expected, `an expectation for ${name}`);
      const slowest = Math.max(...attempts.map((a) => a.latencyMs));
      const outcomes = new Map<string, number>();
      for (const a of attempts) {
        const key = `${a.status ?? 'no response'}: ${a.error ?? 'ok'}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
      const hits = stats[name]?.hits ?? 0;
      lines.push(
        `${name}: ${attempts.length} attempts, slowest ${slowest} ms, ${hits} requests seen; ` +
          [...outcomes].map(([k, n]) => `${n}× ${k}`).join('; '),
      );

      // Bounded by the timeout and the read cap.
      assert.ok(slowest <= TIMEOUT_MS + SLACK_MS, `${name}: slowest attempt ${slowest} ms`);
      for (const a of attempts)
        assert.ok((a.responseSnippet ?? '').length <= config.responseSnippetBytes, name);
      // Each attempt ended the way this receiver makes it end (or, under load, in a timeout).
      const specific = attempts.filter((a) =>
        expected.error === null
          ? a.error === null && a.status === expected.status
          : expected.error.test(a.error ?? ''),
      );
      const other = attempts.filter((a) => !specific.includes(a) && !TIMED_OUT.test(a.error ?? ''));
      assert.deepEqual(other, [], `${name}: unexpected outcomes`);
      assert.ok(
        specific.length >= attempts.length * 0.75,
        `${name}: ${specific.length} of ${attempts.length} as expected`,
      );
      // Failures are retried on schedule and end dead; successes end delivered.
      for (const d of deliveries) {
        assert.ok(
          (d.state === 'delivered' && d.attempts <= 4) || (d.state === 'dead' && d.attempts === 4),
          `${name}: ${d.state} after ${d.attempts}`,
        );
      }
      if (name === 'endless redirects')
        assert.equal(hits, attempts.length, 'one request per attempt: 3xx never followed');
      if (name === 'a 100 MB response') {
        const perResponse = (stats[name]?.bytesWritten ?? 0) / Math.max(1, hits);
        lines.push(
          `  it got ${(perResponse / MB).toFixed(1)} MB of each 100 MB answer out before the server hung up`,
        );
        assert.ok(perResponse < 20 * MB, `read cap: ${(perResponse / MB).toFixed(1)} MB per response`);
      }
    }

    // The healthy subscription: every event, each on its first attempt, never held up.
    const healthyDeliveries = await app.ctx.store.listDeliveries({
      subscriptionId: subscriptionOf.get('healthy') ?? '',
      limit: 1000,
    });
    assert.equal(healthyDeliveries.length, EVENTS + 3);
    assert.ok(
      healthyDeliveries.every((d) => d.state === 'delivered'),
      'healthy: all delivered',
    );
    const firstTry = healthyDeliveries.filter((d) => d.attempts === 1).length;
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const max = sorted.at(-1) ?? 0;

    const grown = {
      rss: (peak.rss - baseline.rss) / MB,
      buffers: (peak.buffers - baseline.buffers) / MB,
      heapAfter: (after.heap - baseline.heap) / MB,
    };
    for (const line of lines) t.diagnostic(line);
    t.diagnostic(
      `healthy: ${healthyDeliveries.length} deliveries, ${firstTry} on the first attempt, ` +
        `publish→receive p50 ${p50} ms, max ${max} ms; ` +
        `dispatcher stop took ${stopMs} ms; ` +
        `server event-loop delay max ${Math.round(lag.max / 1e6)} ms; ` +
        `server memory: peak RSS +${grown.rss.toFixed(1)} MB, peak array buffers +${grown.buffers.toFixed(1)} MB, ` +
        `heap after GC ${grown.heapAfter >= 0 ? '+' : ''}${grown.heapAfter.toFixed(1)} MB`,
    );
    // Were it queued behind the hostile receivers, most healthy deliveries would wait at least one
    // delivery timeout. On a loaded machine a rare attempt may still miss its deadline (the
    // immediate 307s and resets above do too, now and then); 85 % must not.
    assert.ok(p50 < TIMEOUT_MS, `healthy deliveries were held up: p50 ${p50} ms`);
    assert.ok(max < 2 * (TIMEOUT_MS + SLACK_MS), `healthy deliveries were held up: max ${max} ms`);
    assert.ok(
      firstTry >= healthyDeliveries.length * 0.85,
      `healthy: ${firstTry} of ${healthyDeliveries.length} on the first attempt`,
    );
    assert.ok(grown.rss < 48, `RSS peaked ${grown.rss.toFixed(1)} MB above the baseline`);
    assert.ok(grown.buffers < 32, `array buffers peaked ${grown.buffers.toFixed(1)} MB above the baseline`);
    assert.ok(grown.heapAfter < 16, `heap grew ${grown.heapAfter.toFixed(1)} MB`);
    assert.ok(stopMs < TIMEOUT_MS + SLACK_MS + 1000, `stop took ${stopMs} ms`);
  } finally {
    clearInterval(sampler);
    lag.disable();
    await app.stop();
    await healthy.close();
    await hostile.close();
  }
});
