import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { waitFor } from '../helpers/wait-for.js';
import { type ScriptedApp, startScriptedApp, TIMED_OUT } from './support/scripted-app.js';

/**
 * One tenant's hung receivers must not starve another's healthy one (docs/reliability.md "Fair
 * delivery"), at small scale: 10 subscriptions of account 1001 whose receivers never answer,
 * 4 in flight each (40 > `maxInFlight` 16), against one healthy subscription of account 2000.
 * Before the fair order, a freed slot went back to the hung subscription that had it, and the
 * healthy one waited until every hung queue was empty.
 */

const HUNG_PATH = '/restapi/v1.0/account/1001/extension/2001/presence';
const HEALTHY_PATH = '/restapi/v1.0/account/2000/extension/3000/presence';

let t: ScriptedApp | null = null;
afterEach(async () => {
  if (!t) return;
  // Whatever is still open ends now, so the graceful stop has nothing to wait for.
  t.script.current = () => TIMED_OUT;
  for (const request of t.open()) request.answer(TIMED_OUT);
  await t.app.stop();
  t = null;
});

/**
 * Ten subscriptions of account 1001 to receivers that hold every request open, one of account
 * 2000 to a healthy one; the dispatcher running. Returns the hung ids, a count of the healthy
 * receiver's requests and a publisher.
 */
async function tenHungAndOneHealthy(s: ScriptedApp) {
  const hung = (address: string) => address.startsWith('http://hung-');
  s.script.current = (address) =>
    hung(address) ? 'hold' : { ...TIMED_OUT, status: 200, ok: true, error: null };
  const hungIds: string[] = [];
  for (let i = 0; i < 10; i++) hungIds.push(await s.subscribe(`http://hung-${i}.test/hook`));
  await s.subscribe('http://healthy.test/hook', await s.userOf('2000', '3000'));
  s.app.dispatcher.start();
  const healthySent = () => s.requests.filter((r) => !hung(r.address)).length;
  const publish = async (path: string, n: number) => {
    const res = await s.call('POST', '/v1/events', {
      events: Array.from({ length: n }, (_, seq) => ({ event: path, body: { seq } })),
    });
    assert.equal(res.status, 202, JSON.stringify(res.body));
  };
  return { hungIds, healthySent, publish };
}

test('a healthy subscription of another account gets the next free slot while ten hang, and keeps getting slots', async () => {
  t = await startScriptedApp({ maxInFlight: 16, perSubscriptionConcurrency: 4, pollIntervalMs: 20 });
  const s = t;
  const { hungIds, healthySent, publish } = await tenHungAndOneHealthy(s);

  // Account 1001 floods: 100 deliveries to hung receivers take every slot.
  await publish(HUNG_PATH, 10);
  await waitFor(() => s.open().length === 16, 'every slot held by a hung receiver');
  await publish(HEALTHY_PATH, 5);
  assert.equal(healthySent(), 0, 'no slot is free yet');

  // One hung attempt times out: its slot goes to account 2000, which then keeps it.
  const first = s.open()[0];
  assert.ok(first);
  const sameReceiver = () => s.open().filter((r) => r.address === first.address).length;
  const openBefore = sameReceiver();
  first.answer(TIMED_OUT);
  await waitFor(() => healthySent() === 5, 'the healthy subscription to get the freed slot', 5_000);
  assert.equal(sameReceiver(), openBefore - 1, 'the subscription that timed out did not take its slot back');

  // Every hung attempt times out: those receivers are backing off, nothing new goes to them
  // before the round ends, and the healthy one is served at once.
  for (const request of s.open()) request.answer(TIMED_OUT);
  await publish(HEALTHY_PATH, 5);
  await waitFor(() => healthySent() === 10, 'the next healthy events', 5_000);
  assert.equal(s.open().length, 0, 'no new attempt to a receiver that just timed out');

  // The round ends: retries and probes of the hung receivers go again, but receivers backing
  // off share at most half of maxInFlight; the other half stays free for healthy ones.
  s.clock.advance(5_000);
  s.app.dispatcher.wake();
  await waitFor(() => s.open().length === 8, 'half the slots to the receivers backing off', 5_000);
  await publish(HEALTHY_PATH, 5);
  await waitFor(() => healthySent() === 15, 'healthy events beside them', 5_000);
  assert.equal(s.open().length, 8, 'never more than half while others wait');

  // Scheduling noticed them in seconds; blacklisting still follows RingCentral's 10 minutes.
  for (const id of hungIds)
    assert.equal((await s.call('GET', `/v1/subscriptions/${id}`)).body.status, 'Active');
});

test('receivers that hang never fill the node: another account is served however much is queued for them', async () => {
  // bufferTotal = max(16 × 32, 32) = 512 deliveries; the flood below queues 1,200 for hung receivers.
  t = await startScriptedApp({
    maxInFlight: 16,
    perSubscriptionConcurrency: 4,
    claimBatchSize: 32,
    pollIntervalMs: 20,
  });
  const s = t;
  const { healthySent, publish } = await tenHungAndOneHealthy(s);

  await publish(HUNG_PATH, 60);
  await waitFor(() => s.open().length === 16, 'every slot held by a hung receiver');
  for (const request of s.open()) request.answer(TIMED_OUT); // they back off, their queues stay
  await publish(HUNG_PATH, 60);
  await publish(HEALTHY_PATH, 5);
  await waitFor(
    () => healthySent() === 5,
    "the other account's events, with 1,200 queued for hung receivers",
    5_000,
  );
});
