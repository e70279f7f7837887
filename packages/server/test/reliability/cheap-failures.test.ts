import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { waitFor } from '../helpers/wait-for.js';
import { OK, REFUSED, type ScriptedApp, startScriptedApp } from './support/scripted-app.js';

/**
 * A receiver that refuses connections — a crashed app — costs a bounded number of attempts per
 * back-off round however many deliveries are queued for it (docs/reliability.md "Failures are
 * cheap"): the subscription is backed off as a whole, not attempted once per queued delivery.
 * Its retries keep their schedule, blacklisting keeps RingCentral's rules, and when the receiver
 * is back the whole queue drains, each delivery once. On the injected clock.
 */

const PATH = '/restapi/v1.0/account/1001/extension/2001/presence';
const QUEUED = 100;
const SECOND = 1000;

let t: ScriptedApp | null = null;
afterEach(async () => {
  await t?.app.stop();
  t = null;
});

/** A server whose one subscription's receiver refuses connections, with `count` events queued for it. */
async function refusingWithQueue(count: number): Promise<{ s: ScriptedApp; id: string }> {
  t = await startScriptedApp({});
  const s = t;
  s.script.current = () => REFUSED;
  const id = await s.subscribe('http://crashed.test/hook');
  for (let from = 0; from < count; from += 500) {
    const res = await s.call('POST', '/v1/events', {
      events: Array.from({ length: Math.min(500, count - from) }, (_, i) => ({
        event: PATH,
        body: { seq: from + i },
      })),
    });
    assert.equal(res.status, 202);
  }
  return { s, id };
}

test(`${QUEUED} deliveries to a refusing receiver: a few attempts per back-off round, then all drain once it is back`, async (c) => {
  const { s, id } = await refusingWithQueue(QUEUED);

  /** Every claim and attempt due now, until nothing more is due; returns the attempts made. */
  const runDue = async () => {
    const before = s.requests.length;
    while ((await s.app.dispatcher.runOnce()) > 0);
    return s.requests.length - before;
  };

  // The first try: what was started together before the first refusal came back (the
  // subscription's concurrency, 8), not one per queued delivery.
  const perRound = [await runDue()];
  assert.ok(perRound[0] !== undefined && perRound[0] <= 8, `first round: ${perRound[0]} attempts`);

  // Rounds at 5 s, 30 s and 2 min, as the retry schedule: the retries of the first failures
  // keep their schedule, plus one probe of the queue; never the whole queue.
  const attemptedBefore = () => new Set(s.requests.map((r) => r.uuid));
  for (const wait of [5 * SECOND, 30 * SECOND, 2 * 60 * SECOND]) {
    s.clock.advance(wait - 1);
    const seen = attemptedBefore();
    const early = s.requests.length;
    await runDue();
    const fresh = s.requests.slice(early).filter((r) => !seen.has(r.uuid));
    assert.equal(fresh.length, 0, 'no queued delivery tried before the round is over (retries go when due)');
    s.clock.advance(1);
    perRound.push(await runDue());
  }
  for (const [round, attempts] of perRound.entries())
    assert.ok(attempts <= 8 + round + 1, `round ${round}: ${attempts} attempts (${QUEUED} queued)`);
  const refused = s.requests.length;
  assert.ok(refused < QUEUED / 2, `${refused} refused attempts for ${QUEUED} queued deliveries`);
  const sub = (await s.call('GET', `/v1/subscriptions/${id}`)).body;
  assert.equal(sub.status, 'Active', 'not 10 minutes of failures yet: still Active');
  assert.ok(sub.consecutiveFailures >= 5, `${sub.consecutiveFailures} failures in a row`);

  // Back: the next round's attempt succeeds and the whole queue drains, each delivery once.
  s.script.current = () => OK;
  s.clock.advance(10 * 60 * SECOND);
  await runDue();
  await runDue();
  const counts = (await s.call('GET', `/v1/subscriptions/${id}`)).body.deliveries;
  assert.deepEqual(counts, { pending: 0, delivered: QUEUED, dead: 0, expired: 0 });
  const delivered = s.requests.slice(refused).map((r) => r.uuid);
  assert.equal(delivered.length, QUEUED, 'each delivery sent once after the recovery');
  assert.equal(new Set(delivered).size, QUEUED);
  assert.equal((await s.call('GET', `/v1/subscriptions/${id}`)).body.status, 'Active');
  c.diagnostic(
    `${QUEUED} queued to a refusing receiver: attempts per round ${perRound.join(', ')}; then ${QUEUED} delivered once`,
  );
});

test('while a probe is out the rest of the queue stays put off; when it succeeds the whole queue goes at once', async () => {
  const { s, id } = await refusingWithQueue(QUEUED);
  while ((await s.app.dispatcher.runOnce()) > 0); // the first try fails: backing off for 5 s
  const pending = async () =>
    (await s.call('GET', `/v1/deliveries?subscriptionId=${id}&state=pending&perPage=1000`)).body
      .records as Array<{ attempts: number; nextAttemptAt: string }>;

  // Published while it backs off: due when the round ends, not now (every claim would scan them).
  const roundEnd = s.clock.now() + 5 * SECOND;
  const putOffCount = async () =>
    (await pending()).filter((d) => d.attempts === 0 && Date.parse(d.nextAttemptAt) >= roundEnd).length;
  const before = await putOffCount();
  assert.ok(before >= QUEUED - 16, `${before} put off after the first failures`);
  s.app.dispatcher.start(); // a running dispatcher is offered each publish's deliveries
  const more = await s.call('POST', '/v1/events', {
    events: Array.from({ length: 10 }, (_, seq) => ({ event: PATH, body: { seq: QUEUED + seq } })),
  });
  assert.equal(more.status, 202);
  // The node holds at most what the subscription may send (8); everything else is put off.
  const notPutOff = (await pending()).filter((d) => d.attempts === 0).length - (await putOffCount());
  assert.ok(notPutOff <= 8, `${notPutOff} never-attempted deliveries due before the round ends`);
  assert.ok((await putOffCount()) >= before + 2, 'those published meanwhile are put off too');

  // The round ends and its probe hangs: what waits in the table is due after the next round
  // (30 s), not now — a claim would otherwise take it and give it back, over and over.
  s.script.current = () => 'hold';
  s.clock.advance(5 * SECOND);
  s.app.dispatcher.wake();
  await waitFor(() => s.open().length >= 1, 'the probe');
  const now = s.clock.now();
  const putOff = (await pending()).filter((d) => d.attempts === 0 && Date.parse(d.nextAttemptAt) > now);
  assert.ok(
    putOff.length >= QUEUED - 10,
    `${putOff.length} of ${QUEUED + 10} put off while the probe is out`,
  );
  for (const d of putOff) assert.ok(Date.parse(d.nextAttemptAt) >= now + 30 * SECOND, d.nextAttemptAt);

  // The probe succeeds: everything goes now, without waiting for the times it was put off to.
  s.script.current = () => OK;
  for (const request of s.open()) request.answer(OK);
  await waitFor(
    () => new Set(s.requests.map((r) => r.uuid)).size === QUEUED + 10,
    'the whole queue, at once',
  );
  await s.app.dispatcher.stop();
});

test('a queue longer than one claim is put off in the table as well: no claim takes it only to give it back', async () => {
  const LONG = 1500; // a claim takes at most 256 of one subscription
  const { s } = await refusingWithQueue(LONG);
  const claimed = await s.app.dispatcher.runOnce(); // the first try fails: backing off for 5 s
  assert.ok(claimed < LONG, `${claimed} claimed`);
  const attempted = s.requests.length;
  assert.ok(attempted <= 8, `${attempted} attempts`);

  // Before the round ends no claim finds any of it: what was claimed went back put off, and what
  // the claim left in the table was put off with it, in one statement.
  s.clock.advance(5 * SECOND - 1);
  assert.equal(await s.app.dispatcher.runOnce(), 0, 'nothing of the queue is due before the round ends');
  assert.equal(s.requests.length, attempted);

  // The round ends: one probe (and the first retries), not the queue.
  s.clock.advance(1);
  while ((await s.app.dispatcher.runOnce()) > 0);
  assert.ok(s.requests.length - attempted <= 9, `${s.requests.length - attempted} attempts in round 2`);
});
