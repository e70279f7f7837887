import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { type App, createApp } from '../../src/app.js';
import { resolveConfig } from '../../src/config.js';
import { TestReceiver } from '../helpers/test-receiver.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The real thing on real sockets: the server listening on port 0 with its file store, real
 * handshakes and deliveries to a receiver built from the receiver package, the real dispatcher loop.
 */
describe('end to end: create (handshake) → publish → delivered', () => {
  let app: App;
  let base: string;
  let token: string;
  let receiver: TestReceiver;
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));

  before(async () => {
    const config = resolveConfig({ flags: { port: 0, dataDir, pollIntervalMs: 50 } });
    app = await createApp({ config, logger: pino({ level: 'silent' }) });
    token = app.createdAdminToken ?? '';
    base = await app.start();
    receiver = await TestReceiver.start({ verificationToken: 'e2e-verification' });
  });
  after(async () => {
    await app.stop();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function api(method: string, path: string, body?: unknown) {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  test('a notification arrives with the exact headers, envelope and a verifiable signature', async () => {
    const created = await api('POST', '/restapi/v1.0/subscription', {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true'],
      deliveryMode: {
        transportType: 'WebHook',
        address: receiver.url,
        verificationToken: 'e2e-verification',
      },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.equal(receiver.handshakes, 1);
    const secret: string = created.body.deliveryMode.signingSecret;
    assert.match(secret, /^whsec_/);

    const body = { extensionId: '2001', telephonyStatus: 'Ringing', presenceStatus: 'Busy', sequence: 7 };
    const published = await api('POST', '/v1/events', {
      event: '/restapi/v1.0/account/1001/extension/2001/presence',
      body,
    });
    assert.equal(published.status, 202);
    assert.equal(published.body.events[0].matched, 1);

    await waitFor(() => receiver.received.length === 1, 'the notification');
    const [got] = receiver.received;
    assert.ok(got);
    assert.equal(got.headers['content-type'], 'application/json; charset=UTF-8');
    assert.equal(got.headers.accept, 'application/json');
    assert.match(got.headers['user-agent'] ?? '', /^RingCentral-Webhook\/8\.3 \(Switchboard\/[\d.]+\)$/);
    assert.equal(got.headers['verification-token'], 'e2e-verification');
    assert.equal(got.headers['validation-token'], undefined, 'never a Validation-Token on a notification');

    const envelope = JSON.parse(got.rawBody);
    assert.deepEqual(Object.keys(envelope), [
      'uuid',
      'event',
      'timestamp',
      'subscriptionId',
      'ownerId',
      'body',
    ]);
    assert.match(envelope.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(
      envelope.event,
      '/restapi/v1.0/account/1001/extension/2001/presence?detailedTelephonyState=true',
    );
    assert.match(envelope.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(envelope.subscriptionId, created.body.id);
    assert.equal(envelope.ownerId, '2001');
    assert.deepEqual(envelope.body, body);

    const verified = new Webhook(secret).verify(got.rawBody, {
      'webhook-id': String(got.headers['webhook-id']),
      'webhook-timestamp': String(got.headers['webhook-timestamp']),
      'webhook-signature': String(got.headers['webhook-signature']),
    });
    assert.deepEqual(verified, envelope, 'the standardwebhooks package verifies our signature');
    assert.equal(got.headers['webhook-id'], envelope.uuid);

    const deliveries = await api('GET', `/v1/events/${published.body.events[0].id}`);
    assert.equal(deliveries.status, 200);
  });
});
