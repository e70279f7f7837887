// Interoperability with the reference Standard Webhooks library (`standardwebhooks` on npm):
// what we sign, it verifies; what it signs, we verify (docs/decisions.md "Delivery").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { generateSecret, sign } from '../src/protocol/signature.js';
import { receive } from '../src/receive.js';
import { envelopeJson, NEW_SECRET, OLD_SECRET, UUID } from './support/requests.js';

const body = envelopeJson();
const signedAt = new Date(Date.UTC(2026, 0, 8, 10, 0, 0));

function headersFrom(id: string, seconds: number, signature: string): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(seconds), 'webhook-signature': signature };
}

test('our signature verifies with standardwebhooks', async () => {
  const secret = generateSecret();
  // standardwebhooks checks the timestamp against the real clock, so sign with it.
  const seconds = Math.floor(Date.now() / 1000);
  const signature = await sign(secret, UUID, seconds, body);
  const verified = new Webhook(secret).verify(body, headersFrom(UUID, seconds, signature));
  assert.deepEqual(verified, JSON.parse(body));
});

test('our rotation header (two signatures) verifies with standardwebhooks under either secret', async () => {
  const seconds = Math.floor(Date.now() / 1000);
  const signatures = [
    await sign(OLD_SECRET, UUID, seconds, body),
    await sign(NEW_SECRET, UUID, seconds, body),
  ];
  const headers = headersFrom(UUID, seconds, signatures.join(' '));
  assert.ok(new Webhook(OLD_SECRET).verify(body, headers));
  assert.ok(new Webhook(NEW_SECRET).verify(body, headers));
});

test('a standardwebhooks signature verifies with receive()', async () => {
  const signature = new Webhook(NEW_SECRET).sign(UUID, signedAt, body);
  const result = await receive(
    { headers: headersFrom(UUID, signedAt.getTime() / 1000, signature), rawBody: body },
    { signingSecret: NEW_SECRET, now: () => signedAt.getTime(), dedupe: false },
  );
  assert.equal(result.kind, 'notification');
});

test('a standardwebhooks signature over other bytes is refused by receive()', async () => {
  const signature = new Webhook(NEW_SECRET).sign(UUID, signedAt, body);
  const result = await receive(
    { headers: headersFrom(UUID, signedAt.getTime() / 1000, signature), rawBody: `${body} ` },
    { signingSecret: NEW_SECRET, now: () => signedAt.getTime(), dedupe: false },
  );
  assert.equal(result.kind === 'error' && result.error.code, 'invalid_signature');
});

test('standardwebhooks signatures under two secrets, one header: receive() accepts either secret', async () => {
  const signatures = [OLD_SECRET, NEW_SECRET].map((secret) => new Webhook(secret).sign(UUID, signedAt, body));
  const request = {
    headers: headersFrom(UUID, signedAt.getTime() / 1000, signatures.join(' ')),
    rawBody: body,
  };
  for (const secret of [OLD_SECRET, NEW_SECRET]) {
    const result = await receive(request, {
      signingSecret: secret,
      now: () => signedAt.getTime(),
      dedupe: false,
    });
    assert.equal(result.kind, 'notification', secret === OLD_SECRET ? 'old secret' : 'new secret');
  }
});
