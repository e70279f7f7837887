import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { startTestApp } from '../helpers/test-app.js';
import { TestReceiver } from '../helpers/test-receiver.js';

const PRESENCE = '/restapi/v1.0/account/1001/extension/2001/presence';

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

/**
 * The whole server (API, publish, dispatcher, SQLite) on the injected clock, an ordered
 * subscription (docs/ordering.md) and a real receiver that fails at random: whatever the publish
 * batches and the failures, per key the receiver sees the events in publish order.
 */
describe('ordered delivery through the dispatcher, property', () => {
  test('random batches and receiver failures: per key, publish order (repeats allowed), all delivered', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.integer(),
        async (batches, seed) => {
          const random = prng(seed);
          const app = await startTestApp({
            retryScheduleMs: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
          });
          const receiver = await TestReceiver.start({ verificationToken: 'ordered-prop' });
          try {
            receiver.respond = () => ({ status: random() < 0.3 ? 503 : 200 });
            const created = await app.call('POST', '/restapi/v1.0/subscription', {
              eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
              deliveryMode: {
                transportType: 'WebHook',
                address: receiver.url,
                verificationToken: 'ordered-prop',
              },
              ordering: { key: 'body.k' },
            });
            assert.equal(created.status, 200, JSON.stringify(created.body));
            let seq = 0;
            for (const keys of batches) {
              const events = keys.map((k) => ({ event: PRESENCE, body: { k, seq: seq++ } }));
              const answer = await app.call('POST', '/v1/events', { events });
              assert.equal(answer.status, 202, JSON.stringify(answer.body));
              await app.dispatcher.runOnce();
              app.clock.advance(Math.floor(random() * 1500));
            }
            for (
              let round = 0;
              round < 80 && new Set(receiver.received.map((r) => r.notification.uuid)).size < seq;
              round++
            ) {
              await app.dispatcher.runOnce();
              app.clock.advance(1000);
            }
            const byKey = new Map<string, number[]>();
            for (const { notification } of receiver.received) {
              const body = notification.body as { k: string; seq: number };
              byKey.set(body.k, [...(byKey.get(body.k) ?? []), body.seq]);
            }
            for (const [key, seen] of byKey) {
              for (let i = 1; i < seen.length; i++) {
                assert.ok((seen[i] ?? 0) >= (seen[i - 1] ?? 0), `key ${key} arrived as ${seen.join(' ')}`);
              }
            }
            const arrived = new Set([...byKey.values()].flat());
            assert.equal(arrived.size, seq, 'every event arrived');
          } finally {
            await app.stop();
            await receiver.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
