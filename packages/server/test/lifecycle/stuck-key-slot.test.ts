import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { SLOW_ORDERED_ATTEMPT_MS } from '../../src/dispatcher/ordered-attempts.js';
import { waitFor } from '../helpers/wait-for.js';
import { OK, type ScriptedApp, startScriptedApp } from '../reliability/support/scripted-app.js';

/**
 * One key of an ordered subscription stuck on a request that never returns must not hold the
 * subscription's slot until the delivery timeout (docs/ordering.md "A stuck key"): after
 * SLOW_ORDERED_ATTEMPT_MS the other keys get it. On the injected clock, with a concurrency of 1
 * so that one stuck request would otherwise stop every key.
 */

const PATH = '/restapi/v1.0/account/1001/extension/2001/presence';

let t: ScriptedApp | null = null;
afterEach(async () => {
  for (const request of t?.open() ?? []) request.answer(OK);
  await t?.app.stop();
  t = null;
});

/** Lets the dispatcher's loop run a turn after a wake-up (no time passes on the injected clock). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

test('a key stuck on a request that never returns gives its slot to the other keys after a while', async () => {
  t = await startScriptedApp({ perSubscriptionConcurrency: 1 });
  const s = t;
  let sent = 0;
  s.script.current = () => (sent++ === 0 ? 'hold' : OK); // the first request (key k0) never returns
  const created = await s.call('POST', '/restapi/v1.0/subscription', {
    eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
    deliveryMode: { transportType: 'WebHook', address: 'http://receiver.test/hook' },
    ordering: { key: 'body.k' },
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const keys = ['k0', 'k1', 'k2', 'k3'];
  const res = await s.call('POST', '/v1/events', {
    events: keys.map((k, seq) => ({ event: PATH, body: { k, seq } })),
  });
  assert.equal(res.status, 202);
  s.app.dispatcher.start();
  await waitFor(() => s.open().length === 1, 'the first request, held open');
  assert.equal(s.open()[0]?.notification.body.k, 'k0');

  // Not yet slow: the subscription's one slot is k0's.
  s.clock.advance(SLOW_ORDERED_ATTEMPT_MS - 1);
  s.app.dispatcher.wake();
  await settle();
  assert.equal(s.requests.length, 1, 'nothing else starts while k0 is merely in flight');

  // Slow now: the other keys go, one at a time, while k0 is still stuck.
  s.clock.advance(1);
  s.app.dispatcher.wake();
  await waitFor(() => s.requests.length === keys.length, 'the other keys');
  assert.deepEqual(
    s.requests.slice(1).map((r) => r.notification.body.k),
    ['k1', 'k2', 'k3'],
  );
  assert.equal(s.open().length, 1, 'k0 still stuck');
});
