import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PRESENCE_2001, SUBSCRIPTION, TOKENS } from './api-fixtures.js';
import { type Answer, call, createBody, hasNoVerificationToken, subscribe, useHarness } from './harness.js';

const h = useHarness();

function assertError(answer: Answer, status: number, errorCode: string, parameterName?: string): void {
  assert.equal(answer.status, status, answer.text);
  assert.equal(answer.json.errorCode, errorCode, answer.text);
  assert.equal(answer.json.errors[0].errorCode, errorCode);
  if (parameterName !== undefined)
    assert.equal(answer.json.errors[0].parameterName, parameterName, answer.text);
}

describe('POST /restapi/v1.0/subscription', () => {
  it('answers 200 with SubscriptionInfo: ~ expanded, remaining expiresIn, secret shown once, no verificationToken', async () => {
    const answer = await subscribe(h);
    const info = answer.json;
    assert.equal(info.id, '00000000-0000-4000-8000-000000000001');
    assert.equal(info.uri, `http://127.0.0.1:8080${SUBSCRIPTION}/${info.id}`);
    assert.equal(info.status, 'Active');
    assert.deepEqual(info.eventFilters, [PRESENCE_2001]);
    assert.equal(info.creationTime, '2026-01-01T00:00:00.000Z');
    assert.equal(info.expirationTime, '2026-01-08T00:00:00.000Z');
    assert.equal(info.expiresIn, 604800);
    assert.deepEqual(Object.keys(info.deliveryMode).sort(), [
      'address',
      'encryption',
      'signingSecret',
      'transportType',
    ]);
    assert.equal(info.deliveryMode.transportType, 'WebHook');
    assert.equal(info.deliveryMode.encryption, false);
    assert.match(info.deliveryMode.signingSecret, /^whsec_/);
    assert.equal(info.warnings, undefined);
    assert.equal(info.blacklistedData, undefined);
    assert.ok(hasNoVerificationToken(answer));

    const read = await call(h, 'GET', `${SUBSCRIPTION}/${info.id}`, { token: TOKENS.user });
    assert.equal(read.json.deliveryMode.signingSecret, undefined);
    assert.ok(hasNoVerificationToken(read));
  });

  it('handshakes with the address, verification token and signing secret before storing', async () => {
    const answer = await subscribe(h);
    assert.deepEqual(h.handshake.calls, [
      {
        address: 'http://127.0.0.1:9/hook',
        verificationToken: 'v3rify-me',
        signingSecret: answer.json.deliveryMode.signingSecret,
      },
    ]);
  });

  it('keeps the asked lifetime and reports unknown fields as warnings', async () => {
    const body = createBody({ expiresIn: 3600, extra: 1 });
    (body.deliveryMode as Record<string, unknown>).expiresIn = 60;
    (body.deliveryMode as Record<string, unknown>).validationToken = 'x';
    const answer = await subscribe(h, TOKENS.user, body);
    assert.equal(answer.json.expiresIn, 3600);
    assert.deepEqual(answer.json.warnings, [
      'unknown field deliveryMode.expiresIn was ignored; did you mean top-level expiresIn?',
      'unknown field deliveryMode.validationToken was ignored; RingCentral sends the secret in the ' +
        'Verification-Token header, set with deliveryMode.verificationToken (ringcentral-protocol.md §5.2)',
      'unknown field extra was ignored',
    ]);
  });

  it('accepts a subscription without a verification token', async () => {
    const body = createBody({ deliveryMode: { transportType: 'WebHook', address: 'http://127.0.0.1:9/h' } });
    await subscribe(h, TOKENS.user, body);
    assert.equal(h.handshake.calls[0]?.verificationToken, null);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['eventFilters missing', createBody({ eventFilters: undefined }), 'eventFilters'],
    ['eventFilters empty', createBody({ eventFilters: [] }), 'eventFilters'],
    ['eventFilters not an array', createBody({ eventFilters: 'x' }), 'eventFilters'],
    ['deliveryMode missing', createBody({ deliveryMode: undefined }), 'deliveryMode'],
    ['deliveryMode not an object', createBody({ deliveryMode: 'WebHook' }), 'deliveryMode'],
    [
      'transportType PubNub',
      createBody({ deliveryMode: { transportType: 'PubNub', address: 'http://a.example/' } }),
      'deliveryMode.transportType',
    ],
    [
      'transportType lower case',
      createBody({ deliveryMode: { transportType: 'webhook', address: 'http://a.example/' } }),
      'deliveryMode.transportType',
    ],
    ['address missing', createBody({ deliveryMode: { transportType: 'WebHook' } }), 'deliveryMode.address'],
    [
      'address not a URL',
      createBody({ deliveryMode: { transportType: 'WebHook', address: 'not a url' } }),
      'deliveryMode.address',
    ],
    [
      'token with CR/LF',
      createBody({
        deliveryMode: {
          transportType: 'WebHook',
          address: 'http://a.example/',
          verificationToken: 'a\r\nX-Evil: 1',
        },
      }),
      'deliveryMode.verificationToken',
    ],
    [
      'token too long',
      createBody({
        deliveryMode: {
          transportType: 'WebHook',
          address: 'http://a.example/',
          verificationToken: 'a'.repeat(257),
        },
      }),
      'deliveryMode.verificationToken',
    ],
    [
      'token not ASCII',
      createBody({
        deliveryMode: { transportType: 'WebHook', address: 'http://a.example/', verificationToken: 'café' },
      }),
      'deliveryMode.verificationToken',
    ],
    ['expiresIn 0', createBody({ expiresIn: 0 }), 'expiresIn'],
    ['expiresIn fractional', createBody({ expiresIn: 1.5 }), 'expiresIn'],
    ['expiresIn a string', createBody({ expiresIn: '3600' }), 'expiresIn'],
    ['expiresIn above the maximum', createBody({ expiresIn: 630_720_001 }), 'expiresIn'],
  ];
  for (const [name, body, parameterName] of invalid) {
    it(`answers 400 CMN-101 ${parameterName} when ${name}, creating nothing`, async () => {
      const answer = await call(h, 'POST', SUBSCRIPTION, { token: TOKENS.user, body });
      assertError(answer, 400, 'CMN-101', parameterName);
      assert.ok(
        answer.json.message.startsWith(`Parameter [${parameterName}] value is invalid: `),
        answer.json.message,
      );
      assert.ok(!answer.text.includes('X-Evil'), 'never echoes a token');
      assert.equal(h.handshake.calls.length, 0);
      assert.equal((await h.store.listSubscriptions({})).length, 0);
    });
  }

  it('reports every invalid parameter at once', async () => {
    const body = { eventFilters: 'x', deliveryMode: { transportType: 'PubNub' }, expiresIn: -1 };
    const answer = await call(h, 'POST', SUBSCRIPTION, { token: TOKENS.user, body });
    assert.equal(answer.status, 400);
    const names = answer.json.errors.map((e: { parameterName: string }) => e.parameterName).sort();
    assert.deepEqual(names, [
      'deliveryMode.address',
      'deliveryMode.transportType',
      'eventFilters',
      'expiresIn',
    ]);
  });

  it('answers SUB-508 for malformed filters, SUB-406 for another account, SUB-516 for a bad reminder', async () => {
    const bad = await call(h, 'POST', SUBSCRIPTION, {
      token: TOKENS.user,
      body: createBody({ eventFilters: ['not-a-path'] }),
    });
    assertError(bad, 400, 'SUB-508');
    const foreign = createBody({ eventFilters: ['/restapi/v1.0/account/1002/extension/3001/presence'] });
    assertError(await call(h, 'POST', SUBSCRIPTION, { token: TOKENS.user, body: foreign }), 403, 'SUB-406');
    const reminder = createBody({ eventFilters: ['/restapi/v1.0/subscription/~?threshold=10&interval=5'] });
    assertError(await call(h, 'POST', SUBSCRIPTION, { token: TOKENS.user, body: reminder }), 400, 'SUB-516');
    assert.equal(h.handshake.calls.length, 0);
  });

  it('checks the reminder against the asked lifetime', async () => {
    const reminder = createBody({
      eventFilters: ['/restapi/v1.0/subscription/~?threshold=3600&interval=600'],
      expiresIn: 3600,
    });
    assertError(await call(h, 'POST', SUBSCRIPTION, { token: TOKENS.user, body: reminder }), 400, 'SUB-516');
    reminder.expiresIn = 7200;
    const ok = await subscribe(h, TOKENS.user, reminder);
    assert.deepEqual(ok.json.eventFilters, ['/restapi/v1.0/subscription/~?threshold=3600&interval=600']);
  });

  for (const code of ['SUB-520', 'SUB-521', 'SUB-523', 'SUB-524', 'SUB-525'] as const) {
    it(`answers 400 ${code} when the handshake fails that way, creating nothing`, async () => {
      h.handshake.failNext(code, 'measured 3001 ms');
      const answer = await call(h, 'POST', SUBSCRIPTION, { token: TOKENS.user, body: createBody() });
      assertError(answer, 400, code);
      assert.match(answer.json.message, /: measured 3001 ms$/);
      assert.equal((await h.store.listSubscriptions({})).length, 0);
      assert.equal(h.ctx.index.size, 0);
    });
  }

  it('answers 403 SUB-505 past the per-extension limit; other extensions are not affected', async () => {
    await h.restart({ config: { maxSubscriptionsPerExtension: 2 } });
    await subscribe(h);
    await subscribe(h);
    const answer = await call(h, 'POST', SUBSCRIPTION, { token: TOKENS.user, body: createBody() });
    assertError(answer, 403, 'SUB-505');
    assert.equal(h.handshake.calls.length, 2, 'no handshake past the limit');
    await subscribe(h, TOKENS.userOtherExtension);
  });
});

describe('production mode', () => {
  it('answers SUB-523 for an http address before any handshake', async () => {
    await h.restart({ config: { mode: 'production' } });
    const answer = await call(h, 'POST', SUBSCRIPTION, { token: TOKENS.user, body: createBody() });
    assertError(answer, 400, 'SUB-523', 'deliveryMode.address');
    assert.equal(h.handshake.calls.length, 0);
  });
});
