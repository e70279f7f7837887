import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type HandshakeRequest, performHandshake } from '../../src/handshake/index.js';
import { isForbiddenIp } from '../../src/outbound/url-guard.js';
import { echo, rawServer } from './support/raw-server.js';

const PRODUCTION_BUT_HTTP = { allowHttp: true, allowPrivate: false };

function handshake(address: string, overrides: Partial<HandshakeRequest> = {}): HandshakeRequest {
  return {
    address,
    verificationToken: null,
    signingSecret: null,
    timeoutMs: 3000,
    allowHttp: true,
    guard: PRODUCTION_BUT_HTTP,
    ...overrides,
  };
}

describe('performHandshake through the address guard', () => {
  let server: Awaited<ReturnType<typeof rawServer>>;
  before(async () => {
    server = await rawServer(echo);
  });
  after(() => server.close());

  it('refuses loopback with SUB-521 when private addresses are not allowed, without connecting', async () => {
    for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]', '2130706433', '0177.0.0.1', 'localhost']) {
      const result = await performHandshake(handshake(`http://${host}:${server.port}/`));
      assert.equal(result.ok ? null : result.code, 'SUB-521', host);
      assert.match(result.ok ? '' : result.detail, /^address refused: .*a loopback address/, host);
    }
    assert.equal(server.connections(), 0);
    const allowed = await performHandshake(
      handshake(`http://127.0.0.1:${server.port}/`, { guard: { allowHttp: true, allowPrivate: true } }),
    );
    assert.equal(allowed.ok, true);
  });

  it('refuses a name that resolves to the cloud metadata address', async () => {
    const resolve = async () => ['169.254.169.254'];
    const result = await performHandshake(
      handshake('http://metadata.test/latest', { guard: { ...PRODUCTION_BUT_HTTP, resolve } }),
    );
    assert.deepEqual(result.ok ? null : [result.code, result.detail], [
      'SUB-521',
      'address refused: metadata.test resolves to 169.254.169.254, a link-local or cloud metadata address; only public addresses are allowed',
    ]);
  });

  it('checks at connect time, so a name rebound after an earlier check is still refused', async () => {
    const answers = [['93.184.215.14'], ['127.0.0.1']];
    let calls = 0;
    const resolve = async () => answers[Math.min(calls++, answers.length - 1)] ?? [];
    // An earlier check (say, when the subscription was created) saw a public address.
    const [early = ''] = await resolve();
    const connectionsBefore = server.connections();
    assert.equal(isForbiddenIp(early), false);
    const result = await performHandshake(
      handshake(`https://rebind.test:${server.port}/`, {
        allowHttp: false,
        guard: { ...PRODUCTION_BUT_HTTP, resolve },
      }),
    );
    assert.equal(calls, 2, 'resolved again for the connection');
    assert.equal(result.ok ? null : result.code, 'SUB-521');
    assert.match(result.ok ? '' : result.detail, /rebind\.test resolves to 127\.0\.0\.1, a loopback address/);
    assert.equal(server.connections(), connectionsBefore);
  });
});
