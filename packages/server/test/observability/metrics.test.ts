import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TestReceiver } from '../helpers/test-receiver.js';
import { parseSamples, type Sample, sampleValue } from './support/prometheus-text.js';

const METRICS_TOKEN = 'scrape-me-0123456789';
const PRESENCE = '/restapi/v1.0/account/1001/extension/2001/presence';

describe('GET /metrics after a scripted run', () => {
  let app: TestApp;
  const receivers: TestReceiver[] = [];
  let samples: Sample[];

  async function scrape(authorization?: string) {
    const res = await app.api.inject({
      method: 'GET',
      url: '/metrics',
      headers: authorization ? { authorization } : {},
    });
    return res;
  }

  before(async () => {
    // Two retries, then dead; a 410 blacklists at once.
    app = await startTestApp({ retryScheduleMs: [1000, 1000], metricsToken: METRICS_TOKEN });
    const answers: Array<(i: number) => number> = [
      () => 200, // succeeds at once
      (i) => (i === 0 ? 500 : 200), // retried once, then delivered
      () => 500, // dies after three attempts
      () => 410, // blacklists its subscription
    ];
    for (const answer of answers) {
      const receiver = await TestReceiver.start();
      receiver.respond = (_n, i) => ({ status: answer(i) });
      receivers.push(receiver);
      const res = await app.call('POST', '/restapi/v1.0/subscription', {
        eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
        deliveryMode: { transportType: 'WebHook', address: receiver.url },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const refusing = await TestReceiver.start();
    refusing.handshake = 'refuse';
    receivers.push(refusing);
    const refused = await app.call('POST', '/restapi/v1.0/subscription', {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
      deliveryMode: { transportType: 'WebHook', address: refusing.url },
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.errorCode, 'SUB-521');

    assert.equal((await app.call('POST', '/v1/events', { event: PRESENCE, body: {} })).status, 202);
    await app.dispatcher.runOnce();
    app.clock.advance(1000);
    await app.dispatcher.runOnce();
    app.clock.advance(1000);
    await app.dispatcher.runOnce();

    const res = await scrape(`Bearer ${METRICS_TOKEN}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    samples = parseSamples(res.body);
  });
  after(async () => {
    await app.stop();
    for (const r of receivers) await r.close();
  });

  test('counters count what the run did', () => {
    const attempts = 'switchboard_delivery_attempts_total';
    assert.equal(sampleValue(samples, attempts, { result: 'success', status_class: '2xx' }), 2);
    assert.equal(sampleValue(samples, attempts, { result: 'failure', status_class: '5xx' }), 4);
    assert.equal(sampleValue(samples, attempts, { result: 'failure', status_class: '4xx' }), 1);
    assert.equal(
      sampleValue(samples, 'switchboard_delivery_attempt_duration_seconds_count', { result: 'success' }),
      2,
    );
    assert.equal(
      sampleValue(samples, 'switchboard_delivery_attempt_duration_seconds_count', { result: 'failure' }),
      5,
    );
    assert.equal(sampleValue(samples, 'switchboard_deliveries_finished_total', { outcome: 'delivered' }), 2);
    assert.equal(sampleValue(samples, 'switchboard_deliveries_finished_total', { outcome: 'dead' }), 1);
    assert.equal(sampleValue(samples, 'switchboard_publishes_total'), 1);
    assert.equal(sampleValue(samples, 'switchboard_events_published_total'), 1);
    assert.equal(sampleValue(samples, 'switchboard_deliveries_created_total'), 4);
    assert.equal(
      sampleValue(samples, 'switchboard_subscription_transitions_total', { transition: 'blacklisted' }),
      1,
    );
    assert.equal(
      sampleValue(samples, 'switchboard_subscription_transitions_total', { transition: 'reactivated' }),
      0,
    );
    assert.equal(sampleValue(samples, 'switchboard_handshakes_total', { result: 'ok' }), 4);
    assert.equal(sampleValue(samples, 'switchboard_handshakes_total', { result: 'SUB-521' }), 1);
  });

  test('gauges read the store at scrape time', () => {
    assert.equal(sampleValue(samples, 'switchboard_deliveries', { state: 'delivered' }), 2);
    assert.equal(sampleValue(samples, 'switchboard_deliveries', { state: 'dead' }), 1);
    // The blacklisted subscription's delivery stays queued after its 410, one failure in.
    assert.equal(sampleValue(samples, 'switchboard_deliveries', { state: 'pending' }), 1);
    assert.equal(sampleValue(samples, 'switchboard_deliveries_retrying'), 1);
    assert.equal(sampleValue(samples, 'switchboard_subscriptions', { status: 'Active' }), 3);
    assert.equal(sampleValue(samples, 'switchboard_subscriptions', { status: 'Blacklisted' }), 1);
    // Its retry came due 1 s after the first attempt; the clock is now 2 s past it.
    assert.equal(sampleValue(samples, 'switchboard_oldest_due_delivery_age_seconds'), 1);
  });

  test('store timings, event-loop lag and process metrics are there', () => {
    const claims = sampleValue(samples, 'switchboard_store_operation_duration_seconds_count', {
      operation: 'claimDue',
    });
    assert.ok(claims >= 3, `claimDue timed ${claims} times`);
    const records = sampleValue(samples, 'switchboard_store_operation_duration_seconds_count', {
      operation: 'recordAttempts',
    });
    assert.ok(records >= 3, `recordAttempts timed ${records} times`);
    assert.ok(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds'));
    assert.ok(samples.some((s) => s.name === 'process_resident_memory_bytes'));
  });

  test('no label names a subscription, account or address', () => {
    const allowed = new Set([
      'result',
      'status_class',
      'outcome',
      'transition',
      'operation',
      'state',
      'status',
      'le',
    ]);
    const switchboard = samples.filter((s) => s.name.startsWith('switchboard_'));
    for (const s of switchboard)
      for (const label of Object.keys(s.labels)) assert.ok(allowed.has(label), label);
  });

  test('is protected: the metrics token or an admin token, nothing else', async () => {
    assert.equal((await scrape()).statusCode, 401);
    assert.equal((await scrape('Bearer not-the-token-at-all')).statusCode, 401);
    assert.equal((await scrape(`Bearer ${app.adminToken}`)).statusCode, 200);
    const user = await app.call('POST', '/v1/tokens', { name: 'u', role: 'user' });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    const forbidden = await scrape(`Bearer ${user.body.token}`);
    assert.equal(forbidden.statusCode, 403);
    assert.equal(JSON.parse(forbidden.body).errorCode, 'SWB-103');
  });
});
