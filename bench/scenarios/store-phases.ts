import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Delivery, Subscription } from '../../packages/server/src/model.js';
import { newDelivery } from '../../packages/server/src/publish/new-delivery.js';
import { systemRandom } from '../../packages/server/src/random.js';
import { createSqliteStore } from '../../packages/server/src/store/sqlite/sqlite-store.js';
import type { AttemptResult, ClaimedDelivery } from '../../packages/server/src/store/store.js';
import { newSubscription } from '../../packages/server/src/subscriptions/new-subscription.js';
import { presenceEvent } from '../lib/events.js';

export interface StorePhases {
  /** Wall time per delivery of each phase, µs. */
  publishMicros: number;
  claimMicros: number;
  recordMicros: number;
}

/** As the dispatcher asks: claims of 256, at most this many held (leased, not yet recorded). */
const CLAIM = 256;
const HELD = 4096;
/** Outcomes per recordAttempts: what a 5 ms flush gathers at about 11,000 deliveries/s. */
const RECORD_BATCH = 64;

/**
 * (2) The SQLite store's own work per delivery at fan-out 10, by phase, in this process: no HTTP,
 * no sender, so it is the database's cost alone (docs/performance.md "Fifth round"). `events`
 * events to 10 subscriptions are published in batches of 500, claimed back 256 at a time with at
 * most 4,096 held, and recorded delivered 64 at a time, as the dispatcher would, on a fresh
 * database file.
 */
export async function storePhases(events: number): Promise<StorePhases> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-store-phases-'));
  const store = createSqliteStore({ filename: join(dir, 'switchboard.db') });
  try {
    await store.migrate();
    const now = Date.now();
    const subscriptions: Subscription[] = [];
    for (let i = 0; i < 10; i++) {
      const s = newSubscription(
        {
          id: systemRandom.uuid(),
          accountId: '1001',
          extensionId: '2001',
          eventFilters: ['/restapi/v1.0/account/1001/extension/2001/presence'],
          address: 'http://127.0.0.1:9/hook',
          verificationToken: 'bench-verification-token',
          signingSecret: `whsec_${systemRandom.token(24)}`,
          expiresIn: 604_800,
          reminder: null,
        },
        now,
      );
      await store.createSubscription(s, { maxLive: 1_000 });
      subscriptions.push(s);
    }
    const body = JSON.stringify(presenceEvent(2001, 0).body);
    const deliveries = events * subscriptions.length;

    let t = performance.now();
    for (let from = 0; from < events; from += 500) {
      const items = Array.from({ length: Math.min(500, events - from) }, () => ({
        event: {
          id: systemRandom.id(),
          accountId: '1001',
          path: subscriptions[0]?.eventFilters[0] ?? '',
          bodyJson: body,
          publisherId: null,
          createdAt: now,
          matched: subscriptions.length,
        },
        deliveries: [] as Delivery[],
      }));
      // Made subscription by subscription, as a publish makes them (publish-events.ts).
      for (const s of subscriptions)
        for (const item of items)
          item.deliveries.push(
            newDelivery(
              systemRandom,
              { eventId: item.event.id, subscriptionId: s.id, filter: s.eventFilters[0] ?? '' },
              now,
            ),
          );
      await store.publish(items);
    }
    const publishMs = performance.now() - t;

    let claimMs = 0;
    let recordMs = 0;
    let claimed = 0;
    const held: ClaimedDelivery[] = [];
    for (;;) {
      t = performance.now();
      const claims = await store.claimDue({
        now: now + 1,
        limit: CLAIM,
        leaseMs: 30_000,
        perSubscription: CLAIM,
        excludeSubscriptionIds: [],
      });
      claimMs += performance.now() - t;
      claimed += claims.length;
      held.push(...claims);
      t = performance.now();
      while (held.length > (claims.length === 0 ? 0 : HELD)) {
        await store.recordAttempts(held.splice(0, RECORD_BATCH).map(delivered(now + 2)));
      }
      recordMs += performance.now() - t;
      if (claims.length === 0) break;
    }
    if (claimed !== deliveries) throw new Error(`store phases: claimed ${claimed} of ${deliveries}`);
    return {
      publishMicros: (publishMs * 1000) / deliveries,
      claimMicros: (claimMs * 1000) / deliveries,
      recordMicros: (recordMs * 1000) / deliveries,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function delivered(at: number): (claim: ClaimedDelivery) => AttemptResult {
  return (claim) => ({
    attempt: {
      deliveryId: claim.delivery.id,
      attemptNo: claim.delivery.attempts + 1,
      startedAt: at,
      latencyMs: 1,
      status: 200,
      error: null,
      responseSnippet: null,
    },
    next: { state: 'delivered' },
    subscriptionId: claim.subscription.id,
    outcome: 'success',
  });
}
