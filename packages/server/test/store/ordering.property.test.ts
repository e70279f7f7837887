import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Delivery } from '../../src/model.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { AttemptResult, ClaimedDelivery, Store } from '../../src/store/store.js';
import { makeDelivery, makeEvent, makeSubscription, T0 } from './fixtures.js';

const LEASE_MS = 1000;
const STUCK = 'stuck';

/** A small deterministic generator, so one fast-check seed replays one whole run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Scenario {
  /** The key of each event, in publish order. */
  keys: string[];
  /** How many events each publish carries. */
  batchSizes: number[];
  seed: number;
  /** Whether one key's receiver never succeeds (its head retries for ever). */
  withStuckKey: boolean;
}

interface Run {
  /** Per key, the publish positions the receiver saw, in the order it saw them. */
  seen: Map<string, number[]>;
  final: Map<string, number>;
  published: number;
}

/**
 * Two nodes share one store; events of a few keys are published in random batches (some handed
 * over to a node at publish), the receiver answers at random (success, retry, dead), and nodes
 * crash at random, leaving what they held to their leases. What the receiver saw is recorded.
 */
async function simulate(store: Store, scenario: Scenario): Promise<Run> {
  const random = prng(scenario.seed);
  const sub = makeSubscription({ ordering: { key: null, onDead: 'skip' } });
  await store.createSubscription(sub);
  const position = new Map<string, number>();
  const keyOf = new Map<string, string>();
  const inFlight: Array<Map<string, ClaimedDelivery>> = [new Map(), new Map()];
  const run: Run = { seen: new Map(), final: new Map(), published: 0 };
  let now = T0;
  let next = 0;
  let batch = 0;

  const see = (claim: ClaimedDelivery) => {
    const key = keyOf.get(claim.delivery.id) ?? '?';
    const list = run.seen.get(key) ?? [];
    list.push(position.get(claim.delivery.id) ?? -1);
    run.seen.set(key, list);
  };
  const assertOnePerKey = () => {
    const keys = inFlight.flatMap((held) => [...held.values()]).map((c) => keyOf.get(c.delivery.id));
    assert.equal(new Set(keys).size, keys.length, `two deliveries of one key in flight: ${keys.join(',')}`);
  };

  for (let step = 0; step < 400; step++) {
    const draining = next >= scenario.keys.length && step > 200;
    if (next < scenario.keys.length && random() < 0.4) {
      const size = scenario.batchSizes[batch++ % scenario.batchSizes.length] ?? 1;
      const items = scenario.keys.slice(next, next + size).map((key) => {
        const event = makeEvent({ createdAt: now });
        const delivery = makeDelivery(event, sub, { orderingKey: key, nextAttemptAt: now });
        position.set(delivery.id, next++);
        keyOf.set(delivery.id, key);
        return { event, deliveries: [delivery] };
      });
      const node = random() < 0.5 ? 0 : 1;
      const lease = random() < 0.5 ? { until: now + LEASE_MS, take: () => true } : undefined;
      const results = await store.publish(items, lease);
      for (const claim of results.flatMap((r) => r.claimed)) inFlight[node]?.set(claim.delivery.id, claim);
      run.published = next;
      assertOnePerKey();
    }
    const node = random() < 0.5 ? 0 : 1;
    const held = inFlight[node] as Map<string, ClaimedDelivery>;
    const claims = await store.claimDue({
      now,
      limit: 1 + Math.floor(random() * 4),
      leaseMs: LEASE_MS,
      perSubscription: 10,
      excludeSubscriptionIds: [],
    });
    for (const claim of claims) held.set(claim.delivery.id, claim);
    assertOnePerKey();

    // The receiver answers some of what is in flight; a node crashes now and then.
    const results: AttemptResult[] = [];
    for (const [id, claim] of held) {
      if (random() < 0.3) continue; // still in flight
      held.delete(id);
      see(claim);
      const stuck = scenario.withStuckKey && keyOf.get(id) === STUCK;
      const roll = draining && !stuck ? 0 : random();
      const next: AttemptResult['next'] =
        stuck || (roll >= 0.6 && roll < 0.9)
          ? { state: 'pending', nextAttemptAt: now + Math.floor(random() * 300) }
          : roll >= 0.9
            ? { state: 'dead' }
            : { state: 'delivered' };
      results.push(outcome(claim.delivery, next, now));
      if (next.state !== 'pending') run.final.set(id, position.get(id) ?? -1);
    }
    if (results.length > 0) await store.recordAttempts(results);
    if (!draining && random() < 0.05) {
      // A crash: what the node held may or may not have reached the receiver; nothing is recorded.
      for (const claim of held.values()) if (random() < 0.5) see(claim);
      held.clear();
    }
    now += Math.floor(random() * 400);
    // Live nodes keep the leases of what they hold (the dispatcher's LeaseKeeper does).
    for (const held of inFlight) await store.extendLeases([...held.keys()], now + LEASE_MS);
  }
  return run;
}

function outcome(d: Delivery, next: AttemptResult['next'], at: number): AttemptResult {
  const ok = next.state === 'delivered';
  return {
    attempt: {
      deliveryId: d.id,
      attemptNo: 1,
      startedAt: at,
      latencyMs: 1,
      status: ok ? 200 : 500,
      error: ok ? null : 'Webhook responses with code: [500], reason: [Internal Server Error]',
      responseSnippet: null,
    },
    next,
    subscriptionId: d.subscriptionId,
    outcome: ok ? 'success' : 'failure',
  };
}

const scenarios = fc.record({
  keys: fc.array(fc.constantFrom('a', 'b', 'c', 'd', STUCK), { minLength: 1, maxLength: 30 }),
  batchSizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }),
  seed: fc.integer(),
  withStuckKey: fc.boolean(),
});

describe('ordered delivery, property: random publishes, receiver failures and node crashes', () => {
  test('per key the receiver sees events in publish order (repeats allowed); other keys never wait', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const store = createSqliteStore({ filename: ':memory:' });
        await store.migrate();
        try {
          const run = await simulate(store, scenario);
          for (const [key, seen] of run.seen) {
            for (let i = 1; i < seen.length; i++) {
              assert.ok(
                (seen[i] ?? 0) >= (seen[i - 1] ?? 0),
                `key ${key}: saw ${seen.join(' ')} (went back from ${seen[i - 1]} to ${seen[i]})`,
              );
            }
          }
          // Liveness: every event of every key but the stuck one reached a final state, however
          // long the stuck key's head kept failing.
          for (let p = 0; p < run.published; p++) {
            const key = scenario.keys[p];
            if (scenario.withStuckKey && key === STUCK) continue;
            assert.ok([...run.final.values()].includes(p), `event ${p} (key ${key}) never finished`);
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
