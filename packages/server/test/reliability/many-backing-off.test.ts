import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { waitFor } from '../helpers/wait-for.js';
import { OK, REFUSED, type ScriptedApp, startScriptedApp } from './support/scripted-app.js';

/**
 * A thousand subscriptions behind one receiver host that refuses connections (one account with
 * 34 extensions reaches that at 30 subscriptions each) must not stall anyone else
 * (docs/reliability.md "Fair delivery"). Their first deliveries filled the node's buffer, the
 * first refusals backed the origin off, and only the 16 subscriptions whose attempts failed gave
 * back what they held: the other 984 kept theirs, could start none of it, and the buffer stayed
 * full, so every other subscription's deliveries waited in the table for a claim that never had
 * room (in `npm run bench` terms: 190 of 5,000 healthy deliveries, then nothing). On the injected
 * clock, with the receiver scripted.
 */

const FAILING_PATH = '/restapi/v1.0/account/1001/extension/2001/presence';
const HEALTHY_PATH = '/restapi/v1.0/account/2000/extension/3000/presence';
const FAILING = 1_000;
const EVENTS = 20;

let t: ScriptedApp | null = null;
afterEach(async () => {
  await t?.app.stop();
  t = null;
});

test(`${FAILING} subscriptions behind a refusing host do not stall another account, and lose nothing`, async () => {
  t = await startScriptedApp({ pollIntervalMs: 20, maxSubscriptionsPerExtension: FAILING });
  const s = t;
  const failing = (address: string) => address.startsWith('http://crashed.test');
  s.script.current = (address) => (failing(address) ? REFUSED : OK);
  for (let i = 0; i < FAILING; i++) await s.subscribe(`http://crashed.test/hook/${i}`);
  await s.subscribe('http://healthy.test/hook', await s.userOf('2000', '3000'));
  const healthySent = () => s.requests.filter((r) => !failing(r.address)).length;
  const publish = async (path: string, n: number) => {
    const res = await s.call('POST', '/v1/events', {
      events: Array.from({ length: n }, (_, seq) => ({ event: path, body: { seq } })),
    });
    assert.equal(res.status, 202, JSON.stringify(res.body));
  };
  s.app.dispatcher.start();

  // 20,000 deliveries for the refusing host; its first attempts (16, its connection cap) fail.
  await publish(FAILING_PATH, EVENTS);
  await waitFor(() => s.requests.length >= 16, 'the first attempts to the refusing host');
  await publish(HEALTHY_PATH, 50);
  await waitFor(() => healthySent() === 50, "the other account's 50 events", 5_000);
  const refused = s.requests.length - healthySent();
  assert.ok(refused <= 32, `${refused} attempts to the refusing host for ${FAILING * EVENTS} deliveries`);

  // The host is back: at its round's end the probe succeeds and every delivery goes, once.
  s.script.current = () => OK;
  s.clock.advance(5_000);
  s.app.dispatcher.wake();
  const delivered = () => new Set(s.requests.filter((r) => failing(r.address)).map((r) => r.uuid)).size;
  await waitFor(() => delivered() === FAILING * EVENTS, 'every delivery to the host once it is back', 60_000);
  // Each outcome recorded: nothing left pending (outcomes are written in batches, shortly after).
  let pending = -1;
  for (let tries = 0; tries < 250 && pending !== 0; tries++) {
    pending = (await s.call('GET', '/v1/deliveries?state=pending')).body.records.length;
    if (pending !== 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.equal(pending, 0, 'nothing left pending');
});
