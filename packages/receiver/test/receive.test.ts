// receive() at its public boundary: the framework-neutral core every adapter wraps.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DedupeStore } from '../src/dedupe/dedupe-store.js';
import { type ReceiveResult, receive } from '../src/receive.js';
import type { ReceiveOptions } from '../src/receive-options.js';
import type { WebhookRequest } from '../src/webhook-request.js';
import {
  envelopeJson,
  NEW_SECRET,
  NOW_MS,
  NOW_SECONDS,
  notificationRequest,
  OLD_SECRET,
  signatureHeaders,
  TOKEN,
  UUID,
} from './support/requests.js';

const errorCode = (result: ReceiveResult) => (result.kind === 'error' ? result.error.code : result.kind);

describe('headers', () => {
  test('a fetch Headers object, an object with get(), a getter function, or a record in any letter case', async () => {
    const sources = [
      new Headers({ 'Validation-Token': 'abc' }),
      { get: (name: string) => (name === 'validation-token' ? 'abc' : null) },
      (name: string) => (name === 'validation-token' ? 'abc' : undefined),
      { 'Validation-Token': 'abc' },
      { 'validation-token': ['abc'] },
    ];
    for (const headers of sources) {
      const result = await receive({ headers });
      assert.equal(result.kind, 'handshake');
      assert.equal(result.response.headers['Validation-Token'], 'abc');
    }
  });

  test('a repeated Verification-Token never matches by accident', async () => {
    const result = await receive(
      { headers: { 'verification-token': [TOKEN, TOKEN] }, rawBody: envelopeJson() },
      { verificationToken: TOKEN, dedupe: false },
    );
    assert.equal(errorCode(result), 'invalid_verification_token');
  });
});

describe('handshake', () => {
  test('an empty Validation-Token is not a handshake', async () => {
    const result = await receive({ headers: { 'validation-token': '' } });
    assert.equal(errorCode(result), 'missing_body');
  });

  test('a body parser turned the empty handshake body into {}: still a handshake', async () => {
    const result = await receive({ headers: { 'validation-token': 'abc' }, parsedBody: {} });
    assert.equal(result.kind, 'handshake');
  });

  test('the handshake is checked for the Verification-Token too', async () => {
    const result = await receive({ headers: { 'validation-token': 'abc' } }, { verificationToken: TOKEN });
    assert.equal(errorCode(result), 'missing_verification_token');
    assert.equal(result.response.status, 401);
    assert.equal(result.response.headers['Validation-Token'], undefined);
  });
});

describe('body', () => {
  test('a string raw body works like its UTF-8 bytes', async () => {
    const request = await notificationRequest({ secrets: [NEW_SECRET], body: envelopeJson({ event: '/é' }) });
    const options = { signingSecret: NEW_SECRET, now: () => NOW_MS, dedupe: false } as const;
    assert.equal(
      (await receive({ headers: request.headers, rawBody: request.body }, options)).kind,
      'notification',
    );
    const bytes = new TextEncoder().encode(request.body);
    assert.equal((await receive({ headers: request.headers, rawBody: bytes }, options)).kind, 'notification');
  });

  test('a declared Content-Length over the limit is refused without a body', async () => {
    const result = await receive({ headers: { 'content-length': '2000' } }, { maxBodyBytes: 1000 });
    assert.equal(errorCode(result), 'body_too_large');
    assert.equal(result.response.status, 413);
  });

  test('a body consumed elsewhere is not mistaken for an empty one', async () => {
    const result = await receive({ headers: { 'validation-token': 'abc' }, rawBodyUnavailable: true });
    assert.equal(errorCode(result), 'raw_body_unavailable');
    assert.equal(result.response.status, 500);
  });

  test('a parsed body is used as it is, never mutated', async () => {
    const parsedBody = JSON.parse(envelopeJson({ ownerId: 2001 }));
    const result = await receive({ headers: {}, parsedBody }, { dedupe: false });
    assert.equal(result.kind === 'notification' && result.notification.ownerId, '2001');
    assert.equal(parsedBody.ownerId, 2001);
  });
});

describe('signatures', () => {
  const at = (options: ReceiveOptions) => ({ now: () => NOW_MS, dedupe: false as const, ...options });
  const signedRequest = async (
    secrets: string[],
    options: { timestamp?: number } = {},
  ): Promise<WebhookRequest> => {
    const body = envelopeJson();
    return { headers: await signatureHeaders(body, secrets, options), rawBody: body };
  };

  test('requireSignature: false accepts unsigned requests but still verifies signed ones', async () => {
    const options = at({ signingSecret: NEW_SECRET, requireSignature: false });
    assert.equal((await receive({ headers: {}, rawBody: envelopeJson() }, options)).kind, 'notification');
    assert.equal(errorCode(await receive(await signedRequest([OLD_SECRET]), options)), 'invalid_signature');
  });

  test('a partial set of signature headers is a missing signature', async () => {
    const request = await signedRequest([NEW_SECRET]);
    const headers = { ...(request.headers as Record<string, string>), 'webhook-id': undefined };
    const result = await receive(
      { ...request, headers },
      at({ signingSecret: NEW_SECRET, requireSignature: false }),
    );
    assert.equal(errorCode(result), 'missing_signature');
  });

  test('a timestamp in the future beyond the tolerance is stale too; the tolerance is configurable', async () => {
    const request = await signedRequest([NEW_SECRET], { timestamp: NOW_SECONDS + 301 });
    assert.equal(errorCode(await receive(request, at({ signingSecret: NEW_SECRET }))), 'stale_timestamp');
    const lenient = at({ signingSecret: NEW_SECRET, signatureToleranceSeconds: 600 });
    assert.equal((await receive(request, lenient)).kind, 'notification');
  });

  test('a webhook-timestamp that is not Unix seconds is an invalid signature', async () => {
    const request = await signedRequest([NEW_SECRET]);
    const headers = {
      ...(request.headers as Record<string, string>),
      'webhook-timestamp': '2026-01-08T10:00:00Z',
    };
    assert.equal(
      errorCode(await receive({ ...request, headers }, at({ signingSecret: NEW_SECRET }))),
      'invalid_signature',
    );
  });

  test('signature versions other than v1 are ignored', async () => {
    const request = await signedRequest([NEW_SECRET]);
    const headers = request.headers as Record<string, string>;
    const v1a = { ...headers, 'webhook-signature': headers['webhook-signature']!.replace('v1,', 'v1a,') };
    assert.equal(
      errorCode(await receive({ ...request, headers: v1a }, at({ signingSecret: NEW_SECRET }))),
      'invalid_signature',
    );
  });
});

describe('dedupe', () => {
  test('the default store is per options object: same object, duplicate; new object, not', async () => {
    const options = {};
    const request = { headers: {}, rawBody: envelopeJson() };
    assert.equal((await receive(request, options)).kind, 'notification');
    const second = await receive(request, options);
    assert.equal(second.kind === 'notification' && second.duplicate, true);
    const third = await receive(request, {});
    assert.equal(third.kind === 'notification' && third.duplicate, false);
  });

  test('forget() lets a redelivery through; a duplicate forgets nothing', async () => {
    const options = {};
    const request = { headers: {}, rawBody: envelopeJson() };
    const first = await receive(request, options);
    const duplicate = await receive(request, options);
    assert.ok(first.kind === 'notification' && duplicate.kind === 'notification');
    await duplicate.forget();
    const stillDuplicate = await receive(request, options);
    assert.equal(stillDuplicate.kind === 'notification' && stillDuplicate.duplicate, true);
    await first.forget();
    const again = await receive(request, options);
    assert.equal(again.kind === 'notification' && again.duplicate, false);
  });

  test('an async store is awaited; dedupe: false never reports duplicates', async () => {
    const seen = new Set<string>();
    const store: DedupeStore = {
      checkAndRemember: async (uuid) => seen.has(uuid) || !seen.add(uuid),
      forget: async (uuid) => void seen.delete(uuid),
    };
    const request = { headers: {}, rawBody: envelopeJson() };
    await receive(request, { dedupe: store });
    const second = await receive(request, { dedupe: store });
    assert.equal(second.kind === 'notification' && second.duplicate, true);
    assert.deepEqual([...seen], [UUID]);
    const options = { dedupe: false } as const;
    await receive(request, options);
    const unchecked = await receive(request, options);
    assert.equal(unchecked.kind === 'notification' && unchecked.duplicate, false);
    if (unchecked.kind === 'notification') await unchecked.forget();
  });

  test("a store's own failure is not a verification error: it propagates", async () => {
    const store: DedupeStore = {
      checkAndRemember: () => Promise.reject(new Error('redis down')),
      forget: () => {},
    };
    await assert.rejects(receive({ headers: {}, rawBody: envelopeJson() }, { dedupe: store }), /redis down/);
  });
});

describe('options', () => {
  const invalid: Array<[string, ReceiveOptions, RegExp]> = [
    ['empty token', { verificationToken: '' }, /verificationToken/],
    ['empty token list', { verificationToken: [] }, /verificationToken/],
    ['secret that is not base64', { signingSecret: 'whsec_%%%' }, /signingSecret\[0\]/],
    ['requireSignature without a secret', { requireSignature: true }, /requireSignature/],
    ['negative tolerance', { signatureToleranceSeconds: -1 }, /signatureToleranceSeconds/],
    ['fractional maxBodyBytes', { maxBodyBytes: 1.5 }, /maxBodyBytes/],
  ];
  for (const [name, options, message] of invalid) {
    test(`${name} → TypeError`, async () => {
      await assert.rejects(
        receive({ headers: {} }, options),
        (error) => error instanceof TypeError && message.test(error.message),
      );
    });
  }
});

test('no error message or response ever contains a token, secret or signature', async () => {
  const secretish = ['wrong-token-value', TOKEN, NEW_SECRET.slice(6), OLD_SECRET.slice(6)];
  const requests: WebhookRequest[] = [
    await notificationRequest({ token: 'wrong-token-value', secrets: [OLD_SECRET] }),
    await notificationRequest({ token: TOKEN, secrets: [OLD_SECRET] }),
    await notificationRequest({ token: TOKEN, secrets: [NEW_SECRET], timestamp: 0 }),
  ].map((request) => ({ headers: request.headers, rawBody: request.body }));
  for (const request of requests) {
    const signatures = (request.headers as Record<string, string>)['webhook-signature']!.split(' ');
    secretish.push(...signatures.map((signature) => signature.slice(3)));
    const result = await receive(request, {
      verificationToken: TOKEN,
      signingSecret: NEW_SECRET,
      now: () => NOW_MS,
    });
    assert.equal(result.kind, 'error');
    const text = result.kind === 'error' ? `${result.error.message} ${JSON.stringify(result.response)}` : '';
    for (const value of secretish) assert.ok(!text.includes(value), `leaked into: ${text}`);
  }
});
