import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../../src/clock.js';
import { ClaimPolicy } from '../../src/dispatcher/claim-policy.js';
import { LocalQueue } from '../../src/dispatcher/local-queue.js';
import { ReceiverBackoff } from '../../src/dispatcher/receiver-backoff.js';
import type { ClaimedDelivery } from '../../src/store/store.js';

/**
 * A claim is worth its scan only if some subscription could take what it finds
 * (docs/reliability.md "Failures are cheap"). Beside ten refusing receivers, a fifth of all claims
 * walked the whole due index and came back empty: every healthy subscription held enough (left
 * out of the scan), and the refusing ones, with room, had all their rows in the table put off
 * until their back-off round ends. Those claims cost the node about 2 µs per refused delivery.
 */

const CAPS = {
  perSubscriptionConcurrency: 8,
  maxInFlight: 256,
  connectionsPerOrigin: 16,
  claimBatchSize: 256,
  maxHeldBytes: 64 * 1024 * 1024,
};
const LEASE_MS = 30_000;

let seq = 0;
function claims(subscriptionId: string, address: string, n: number): ClaimedDelivery[] {
  return Array.from({ length: n }, () => {
    seq += 1;
    const id = `d-${String(seq).padStart(8, '0')}`;
    return {
      delivery: {
        id,
        uuid: `u-${id}`,
        eventId: `e-${id}`,
        subscriptionId,
        filter: '/restapi/v1.0/account/~/extension/~/presence',
        state: 'pending',
        attempts: 0,
        retryStep: 0,
        nextAttemptAt: 0,
        createdAt: 0,
        updatedAt: 0,
        lastStatus: null,
        lastError: null,
      },
      event: { id: `e-${id}`, bodyJson: '{}', createdAt: 0 },
      subscription: {
        id: subscriptionId,
        accountId: '1001',
        extensionId: '2001',
        address,
        verificationToken: null,
        signingSecrets: [],
      },
    } as ClaimedDelivery;
  });
}

/** A node with one healthy subscription holding more than it may claim, attempts never ending. */
function nodeWithSaturatedHealthy() {
  const clock = new ManualClock();
  const backoff = new ReceiverBackoff([5_000, 30_000, 120_000]);
  const queue = new LocalQueue(
    CAPS,
    clock,
    backoff,
    () => new Promise<void>(() => {}),
    () => {},
  );
  const policy = new ClaimPolicy(queue, CAPS.claimBatchSize);
  queue.enqueue(claims('healthy', 'http://healthy.test/hook', 300));
  return { clock, backoff, queue, policy };
}

/** Runs one claim that finds nothing; true when the next one is skipped, not scanned. */
function nextIsSkipped(policy: ClaimPolicy, now: number): boolean {
  const first = policy.nextClaim(now, LEASE_MS);
  if (first) policy.claimed([], first);
  return policy.nextClaim(now, LEASE_MS) === null;
}

test('no claim scans the table while the only subscriptions with room wait out a back-off', () => {
  const { clock, backoff, queue, policy } = nodeWithSaturatedHealthy();
  for (let i = 0; i < 10; i++) {
    const id = `refusing-${i}`;
    queue.enqueue(claims(id, 'http://crashed.test/hook', 1));
    backoff.record(id, 'http://crashed.test', 'earlier-attempt', 'unreachable', clock.now());
  }
  assert.ok(nextIsSkipped(policy, clock.now()), 'a claim ran with nothing to find');

  // A poll (or a wake-up) may find retries come due or other nodes' work: that claim runs.
  policy.tableChanged();
  assert.notEqual(policy.nextClaim(clock.now(), LEASE_MS), null);

  // Their round is over: they may start again and their rows are due, so claims run for them.
  clock.advance(5_000);
  assert.equal(nextIsSkipped(policy, clock.now()), false, 'no claim once the round ended');
});

test('a subscription with room that is not backing off still gets its claim', () => {
  const { clock, queue, policy } = nodeWithSaturatedHealthy();
  queue.enqueue(claims('healthy-low', 'http://other.test/hook', 1));
  assert.equal(nextIsSkipped(policy, clock.now()), false);
});

test('a subscription that drained what it held and has rows left in the table still gets its claim', () => {
  // Beside subscriptions waiting out a back-off, skipping on "no held subscription could take
  // anything" starved one that held nothing any more: its rows waited for the next poll.
  const { clock, backoff, queue, policy } = nodeWithSaturatedHealthy();
  queue.enqueue(claims('refusing', 'http://crashed.test/hook', 1));
  backoff.record('refusing', 'http://crashed.test', 'earlier-attempt', 'unreachable', clock.now());
  assert.ok(nextIsSkipped(policy, clock.now()), 'nothing to find yet');

  // A publish leaves rows of a subscription this node holds nothing of in the table.
  policy.declined('drained');
  assert.notEqual(policy.nextClaim(clock.now(), LEASE_MS), null, 'its rows wait for a poll');
});
