import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TestReceiver } from '../helpers/test-receiver.js';

const PRESENCE = '/restapi/v1.0/account/1001/extension/2001/presence';
const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('delivery lifecycle on the injected clock', () => {
  let app: TestApp;
  let receiver: TestReceiver;

  beforeEach(async () => {
    app = await startTestApp();
    receiver = await TestReceiver.start({ verificationToken: 'lifecycle-token' });
  });
  afterEach(async () => {
    await app.stop();
    await receiver.close();
  });

  async function subscribe(filters = ['/restapi/v1.0/account/~/extension/~/presence'], expiresIn?: number) {
    const res = await app.call('POST', '/restapi/v1.0/subscription', {
      eventFilters: filters,
      deliveryMode: { transportType: 'WebHook', address: receiver.url, verificationToken: 'lifecycle-token' },
      ...(expiresIn ? { expiresIn } : {}),
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { id: string; status: string };
  }

  async function publish(body: object = { presenceStatus: 'Busy' }) {
    const res = await app.call('POST', '/v1/events', { event: PRESENCE, body });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    return res.body.events[0] as { id: string; matched: number };
  }

  async function onlyDelivery(subscriptionId: string) {
    const list = await app.call('GET', `/v1/subscriptions/${subscriptionId}/deliveries`);
    assert.equal(list.status, 200);
    const [d] = list.body.records;
    const full = await app.call('GET', `/v1/deliveries/${d.id}`);
    return { ...full.body.delivery, attempts: full.body.attempts };
  }

  test('retries follow the schedule in order and honour Retry-After', async () => {
    const sub = await subscribe();
    const answers = [500, 503, 429, 200];
    receiver.respond = (_n, i) =>
      i === 2 ? { status: 429, headers: { 'retry-after': '120' } } : { status: answers[i] ?? 200 };
    await publish();
    const t0 = app.clock.now();
    await app.dispatcher.runOnce();
    let d = await onlyDelivery(sub.id);
    assert.equal(d.state, 'pending');
    assert.equal(Date.parse(d.nextAttemptAt) - t0, 5 * SECOND, 'first retry after 5 s');

    app.clock.advance(5 * SECOND - 1);
    assert.equal(await app.dispatcher.runOnce(), 0, 'not due a millisecond early');
    app.clock.advance(1);
    await app.dispatcher.runOnce();
    d = await onlyDelivery(sub.id);
    assert.equal(Date.parse(d.nextAttemptAt) - app.clock.now(), 30 * SECOND, 'second retry after 30 s');

    app.clock.advance(30 * SECOND);
    await app.dispatcher.runOnce();
    d = await onlyDelivery(sub.id);
    assert.equal(
      Date.parse(d.nextAttemptAt) - app.clock.now(),
      120 * SECOND,
      'Retry-After: 120 wins over the schedule',
    );

    app.clock.advance(120 * SECOND);
    await app.dispatcher.runOnce();
    d = await onlyDelivery(sub.id);
    assert.equal(d.state, 'delivered');
    assert.deepEqual(
      d.attempts.map((a: { status: number }) => a.status),
      [500, 503, 429, 200],
    );
    assert.equal(receiver.uuids().size, 1, 'every retry carries the same uuid');
    assert.equal(receiver.received.length, 4);
  });

  test('a delivery is dead after the last retry, and can be redelivered', async () => {
    await app.stop();
    app = await startTestApp({ retryScheduleMs: [1000, 2000] });
    const sub = await subscribe();
    receiver.respond = () => ({ status: 500 });
    await publish();
    await app.dispatcher.runOnce();
    app.clock.advance(1000);
    await app.dispatcher.runOnce();
    app.clock.advance(2000);
    await app.dispatcher.runOnce();
    const d = await onlyDelivery(sub.id);
    assert.equal(d.state, 'dead');
    assert.equal(d.attempts.length, 3);
    receiver.respond = () => ({ status: 200 });
    const again = await app.call('POST', `/v1/deliveries/${d.id}/redeliver`);
    assert.equal(again.status, 202);
    await app.dispatcher.runOnce();
    assert.equal((await onlyDelivery(sub.id)).state, 'delivered');
  });

  test('blacklisted after 10 minutes and 5 failures in a row; probed and reactivated; backlog drains', async () => {
    const sub = await subscribe();
    receiver.respond = () => ({ status: 500 });
    await publish();
    // Attempts at 0 s, 5 s, 35 s, 2 min 35 s, 12 min 35 s: the fifth is past ten minutes.
    for (const wait of [0, 5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE]) {
      app.clock.advance(wait);
      const before = (await app.call('GET', `/restapi/v1.0/subscription/${sub.id}`)).body;
      assert.equal(before.status, 'Active');
      assert.equal(await app.dispatcher.runOnce(), 1);
    }
    const blacklisted = (await app.call('GET', `/restapi/v1.0/subscription/${sub.id}`)).body;
    assert.equal(blacklisted.status, 'Blacklisted');
    assert.equal(
      blacklisted.blacklistedData.reason,
      'Webhook responses with code: [500], reason: [Internal Server Error]',
    );
    assert.equal(blacklisted.blacklistedData.blacklistedAt, new Date(app.clock.now()).toISOString());

    await publish({ presenceStatus: 'Available' });
    app.clock.advance(30 * MINUTE);
    assert.equal(await app.dispatcher.runOnce(), 0, 'a blacklisted subscription gets no attempts');

    receiver.handshake = 'refuse';
    const handshakesBefore = receiver.handshakes;
    await app.scheduler.tick();
    assert.equal(receiver.handshakes, handshakesBefore + 1, 'probed with a handshake');
    assert.equal((await app.call('GET', `/restapi/v1.0/subscription/${sub.id}`)).body.status, 'Blacklisted');

    receiver.handshake = 'echo';
    receiver.respond = () => ({ status: 200 });
    await app.scheduler.tick();
    assert.equal(receiver.handshakes, handshakesBefore + 1, 'not probed again before the probe interval');
    app.clock.advance(15 * MINUTE);
    const report = await app.scheduler.tick();
    assert.equal(report.reactivated, 1);
    assert.equal((await app.call('GET', `/restapi/v1.0/subscription/${sub.id}`)).body.status, 'Active');
    await app.dispatcher.runOnce();
    await app.dispatcher.runOnce();
    const counts = (await app.call('GET', `/v1/subscriptions/${sub.id}`)).body.deliveries;
    assert.equal(counts.delivered, 2, 'the backlog drained after reactivation');
    assert.equal(counts.pending, 0);
  });

  test('410 Gone blacklists at once and is never probed', async () => {
    const sub = await subscribe();
    receiver.respond = () => ({ status: 410 });
    await publish();
    await app.dispatcher.runOnce();
    const s = (await app.call('GET', `/restapi/v1.0/subscription/${sub.id}`)).body;
    assert.equal(s.status, 'Blacklisted');
    assert.match(s.blacklistedData.reason, /\[410\]/);
    const handshakes = receiver.handshakes;
    app.clock.advance(60 * MINUTE);
    assert.equal((await app.scheduler.tick()).probed, 0);
    assert.equal(receiver.handshakes, handshakes);
  });

  test('queued deliveries older than the backlog retention become expired, and can be recovered', async () => {
    const sub = await subscribe();
    receiver.respond = () => ({ status: 410 });
    await publish();
    await app.dispatcher.runOnce();
    const since = new Date(app.clock.now() - 1).toISOString();
    app.clock.advance(72 * 60 * MINUTE + 1);
    await app.scheduler.tick();
    assert.equal((await onlyDelivery(sub.id)).state, 'expired');
    receiver.respond = () => ({ status: 200 });
    await app.call('PUT', `/restapi/v1.0/subscription/${sub.id}`, {});
    const recovered = await app.call('POST', `/v1/subscriptions/${sub.id}/recover`, { since });
    assert.equal(recovered.body.requeued, 1);
    await app.dispatcher.runOnce();
    assert.equal((await onlyDelivery(sub.id)).state, 'delivered');
  });

  test('expiry: the RingCentral API answers 404 afterwards; /v1 keeps it as Expired', async () => {
    const sub = await subscribe(undefined, 3600);
    app.clock.advance(3600 * SECOND - 1);
    await app.scheduler.tick();
    assert.equal((await app.call('GET', `/restapi/v1.0/subscription/${sub.id}`)).status, 200);
    app.clock.advance(1);
    assert.equal((await app.scheduler.tick()).expired, 1);
    const rc = await app.call('GET', `/restapi/v1.0/subscription/${sub.id}`);
    assert.equal(rc.status, 404);
    assert.equal(rc.body.errorCode, 'CMN-102');
    assert.equal((await app.call('GET', `/v1/subscriptions/${sub.id}`)).body.status, 'Expired');
    assert.equal((await publish()).matched, 0, 'an expired subscription receives nothing');
    app.clock.advance(7 * 24 * 60 * MINUTE + 1);
    await app.scheduler.tick();
    assert.equal((await app.call('GET', `/v1/subscriptions/${sub.id}`)).status, 404, 'purged after 7 days');
  });

  test('renewal reminders: at the threshold, then every interval, until renewed', async () => {
    const reminder = '/restapi/v1.0/subscription/~?threshold=600&interval=300';
    const sub = await subscribe(['/restapi/v1.0/account/~/extension/~/presence', reminder], 3600);
    app.clock.advance(3000 * SECOND - 1);
    assert.equal((await app.scheduler.tick()).reminders, 0);
    app.clock.advance(1);
    assert.equal((await app.scheduler.tick()).reminders, 1);
    await app.dispatcher.runOnce();
    const first = receiver.received.at(-1)?.notification;
    assert.equal(first?.event, reminder, 'event is the reminder filter exactly as subscribed');
    assert.deepEqual(first?.body, { expiresIn: 600 });
    assert.equal(first?.subscriptionId, sub.id);
    app.clock.advance(299 * SECOND);
    assert.equal((await app.scheduler.tick()).reminders, 0);
    app.clock.advance(1 * SECOND);
    assert.equal((await app.scheduler.tick()).reminders, 1);
    await app.dispatcher.runOnce();
    assert.deepEqual(receiver.received.at(-1)?.notification.body, { expiresIn: 300 });
    const renewed = await app.call('POST', `/restapi/v1.0/subscription/${sub.id}/renew`);
    assert.equal(renewed.status, 200);
    app.clock.advance(300 * SECOND);
    assert.equal((await app.scheduler.tick()).reminders, 0, 'renewed: no reminder until the threshold again');
  });
});
