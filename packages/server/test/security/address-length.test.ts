import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SUBSCRIPTION, TOKENS } from '../api/api-fixtures.js';
import { call, createBody, createHarness, type Harness, subscribe } from '../api/harness.js';

/**
 * Finding 12 of docs/reliability.md: a 4 MB subscription address was accepted, and every list response and
 * every notification's request line then carried it. Addresses are limited (CMN-101
 * `deliveryMode.address`, docs/errors.md) on create and on PUT.
 */
describe('subscription address length', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(async () => h.close());

  const long = (n: number) => `http://127.0.0.1:9/${'a'.repeat(n - 'http://127.0.0.1:9/'.length)}`;

  it('refuses a 4 MB address on create with CMN-101, before any handshake', async () => {
    const calls = h.handshake.calls.length;
    const answer = await call(h, 'POST', SUBSCRIPTION, {
      token: TOKENS.user,
      body: createBody({ deliveryMode: { transportType: 'WebHook', address: long(4 * 1024 * 1024) } }),
    });
    assert.equal(answer.status, 400, answer.text.slice(0, 300));
    assert.equal(answer.json.errorCode, 'CMN-101');
    assert.equal(answer.json.errors[0].parameterName, 'deliveryMode.address');
    assert.ok(answer.text.length < 2000, 'the error does not echo the address');
    assert.equal(h.handshake.calls.length, calls);
  });

  it('refuses an address one character over 2048 and accepts one of exactly 2048', async () => {
    const over = await call(h, 'POST', SUBSCRIPTION, {
      token: TOKENS.user,
      body: createBody({ deliveryMode: { transportType: 'WebHook', address: long(2049) } }),
    });
    assert.equal(over.status, 400, over.text.slice(0, 300));
    assert.equal(over.json.errorCode, 'CMN-101');
    const exact = await call(h, 'POST', SUBSCRIPTION, {
      token: TOKENS.user,
      body: createBody({ deliveryMode: { transportType: 'WebHook', address: long(2048) } }),
    });
    assert.equal(exact.status, 200, exact.text.slice(0, 300));
  });

  it('refuses a long address on PUT too', async () => {
    const created = await subscribe(h);
    const answer = await call(h, 'PUT', `${SUBSCRIPTION}/${created.json.id}`, {
      token: TOKENS.user,
      body: { deliveryMode: { transportType: 'WebHook', address: long(100_000) } },
    });
    assert.equal(answer.status, 400, answer.text.slice(0, 300));
    assert.equal(answer.json.errors[0].parameterName, 'deliveryMode.address');
  });
});
