import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { RestartableReceiver } from './support/restartable-receiver.js';

/**
 * A receiver that is really down — its port closed, every connection refused — for a while, then
 * back (docs/reliability.md). On the injected clock: blacklisted exactly when docs/decisions.md "Delivery"
 * says (failing continuously for 10 minutes AND at least 5 attempts in a row), queued but not
 * attempted while blacklisted, probed every 15 minutes, reactivated by the first probe after it
 * is back (or by a renew), and then everything is delivered.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const PRESENCE = '/restapi/v1.0/account/1001/extension/2001/presence';
const REFUSED = 'I/O operation is failed. Details: [Connection refused]';

describe('a receiver down for a period, then back', () => {
  let app: TestApp;
  let receiver: RestartableReceiver;

  beforeEach(async () => {
    app = await startTestApp();
    receiver = await RestartableReceiver.start();
  });
  afterEach(async () => {
    await app.stop();
    await receiver.down();
  });

  async function subscribe(): Promise<string> {
    const res = await app.call('POST', '/restapi/v1.0/subscription', {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
      deliveryMode: { transportType: 'WebHook', address: receiver.url },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.id;
  }

  async function publish(seq: number): Promise<void> {
    const res = await app.call('POST', '/v1/events', { event: PRESENCE, body: { seq } });
    assert.equal(res.status, 202);
    assert.equal(res.body.events[0].matched, 1);
  }

  const subscription = async (id: string) => (await app.call('GET', `/v1/subscriptions/${id}`)).body;

  async function attemptsOf(id: string) {
    const list = await app.call('GET', `/v1/subscriptions/${id}/deliveries?limit=500`);
    const all = [];
    for (const d of list.body.records)
      all.push(...(await app.call('GET', `/v1/deliveries/${d.id}`)).body.attempts);
    return all as Array<{ status: number | null; error: string | null }>;
  }

  /** Runs the dispatcher until nothing is due; returns how many attempts that took. */
  async function drain(): Promise<number> {
    let total = 0;
    for (let n = await app.dispatcher.runOnce(); n > 0; n = await app.dispatcher.runOnce()) total += n;
    return total;
  }

  it('down two hours: blacklisted after 10 min and 5 failures, probed, reactivated, all delivered', async (t) => {
    const id = await subscribe();
    await publish(0);
    assert.equal(await drain(), 1);
    assert.equal(receiver.received.length, 1, 'delivered while up');

    await receiver.down();
    for (const seq of [1, 2, 3]) await publish(seq);
    // First attempts at 0 s, then the schedule: 5 s, 30 s, 2 min, 10 min (jitter-free in tests).
    const waits = [0, 5 * SECOND, 30 * SECOND, 2 * MINUTE];
    for (const wait of waits) {
      app.clock.advance(wait);
      assert.equal(await app.dispatcher.runOnce(), 3);
      const s = await subscription(id);
      assert.equal(
        s.status,
        'Active',
        `still Active at ${s.consecutiveFailures} failures: not 10 minutes yet`,
      );
    }
    assert.equal((await subscription(id)).consecutiveFailures, 12, 'well past 5 failures in a row');
    app.clock.advance(10 * MINUTE);
    assert.equal(await app.dispatcher.runOnce(), 3);
    const blacklistedAt = app.clock.now();
    const blacklisted = (await app.call('GET', `/restapi/v1.0/subscription/${id}`)).body;
    assert.equal(blacklisted.status, 'Blacklisted');
    assert.deepEqual(blacklisted.blacklistedData, {
      blacklistedAt: new Date(blacklistedAt).toISOString(),
      reason: REFUSED,
    });
    const attempts = await attemptsOf(id);
    assert.equal(attempts.length, 1 + 15);
    assert.ok(attempts.filter((a) => a.status === null).every((a) => a.error === REFUSED));

    // Blacklisted: new events are queued, nothing is attempted.
    await publish(4);
    app.clock.advance(MINUTE);
    assert.equal(await app.dispatcher.runOnce(), 0, 'no attempts while blacklisted');

    // Probes every 15 minutes while it is still down: each fails, it stays blacklisted.
    const handshakesBefore = receiver.handshakes;
    let probes = 0;
    while (app.clock.now() < blacklistedAt + 2 * 60 * MINUTE) {
      app.clock.advance(15 * MINUTE);
      const report = await app.scheduler.tick();
      probes += report.probed;
      assert.equal(report.reactivated, 0);
      assert.equal(await app.dispatcher.runOnce(), 0);
    }
    assert.ok(probes >= 7, `${probes} probes in two hours`);
    assert.equal(receiver.handshakes, handshakesBefore, 'nothing reached the closed port');
    assert.equal((await subscription(id)).status, 'Blacklisted');

    // Back: the next probe (not before it is due) reactivates it, and the backlog drains.
    await receiver.up();
    app.clock.advance(MINUTE);
    assert.equal((await app.scheduler.tick()).probed, 0, 'not probed before the interval');
    app.clock.advance(15 * MINUTE);
    const report = await app.scheduler.tick();
    assert.equal(report.reactivated, 1);
    assert.equal(receiver.handshakes, handshakesBefore + 1, 'reactivated by a real handshake');
    const active = await subscription(id);
    assert.equal(active.status, 'Active');
    assert.equal(active.blacklistedData, undefined);
    assert.equal(active.consecutiveFailures, 0);
    assert.equal(await drain(), 4);
    // Ordering is not guaranteed (docs/decisions.md "Delivery"), completeness is.
    assert.deepEqual(
      receiver.received.map((r) => r.body.seq).sort(),
      [0, 1, 2, 3, 4],
      'everything delivered after recovery',
    );
    assert.equal(receiver.uuids().size, 5, 'each exactly once');
    assert.deepEqual((await subscription(id)).deliveries, { pending: 0, delivered: 5, dead: 0, expired: 0 });
    t.diagnostic(
      `receiver down 2 h: ${attempts.length - 1} refused attempts, blacklisted 12 min 35 s in, ` +
        `${probes} failed probes, reactivated by the first probe after it was back; published 5, ` +
        `delivered 5, lost 0, duplicates ${receiver.received.length - receiver.uuids().size}`,
    );
  });

  it('fixed and renewed soon after blacklisting: the backlog drains at once, not at its old retry times', async () => {
    const id = await subscribe();
    await receiver.down();
    for (const seq of [1, 2]) await publish(seq);
    for (const wait of [0, 5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE]) {
      app.clock.advance(wait);
      await app.dispatcher.runOnce();
    }
    assert.equal((await subscription(id)).status, 'Blacklisted');

    // The developer restarts the receiver and renews (which re-handshakes, docs/decisions.md "Recovery").
    await receiver.up();
    app.clock.advance(MINUTE);
    const renewed = await app.call('POST', `/restapi/v1.0/subscription/${id}/renew`);
    assert.equal(renewed.status, 200);
    assert.equal(renewed.body.status, 'Active');
    assert.equal(await drain(), 2, 'the queued deliveries are due now');
    assert.deepEqual(receiver.received.map((r) => r.body.seq).sort(), [1, 2]);
  });

  it('a renew while it is still down fails with SUB-521 and changes nothing', async () => {
    const id = await subscribe();
    await receiver.down();
    await publish(1);
    for (const wait of [0, 5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE]) {
      app.clock.advance(wait);
      await app.dispatcher.runOnce();
    }
    const before = await subscription(id);
    assert.equal(before.status, 'Blacklisted');
    const renewed = await app.call('POST', `/restapi/v1.0/subscription/${id}/renew`);
    assert.equal(renewed.status, 400);
    assert.equal(renewed.body.errorCode, 'SUB-521');
    assert.deepEqual(await subscription(id), before);
  });
});
