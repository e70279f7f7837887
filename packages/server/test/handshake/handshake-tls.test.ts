import assert from 'node:assert/strict';
import { createServer as createNetServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createServer as createTlsServer } from 'node:tls';
import { type HandshakeRequest, performHandshake } from '../../src/handshake/index.js';
import { listen } from '../http/support/listen.js';
import { selfSignedCert } from '../http/support/self-signed-cert.js';

/** Resolves every name to 127.0.0.1, so certificate names are checked as for a real host. */
const guard = { allowHttp: false, allowPrivate: true, resolve: async () => ['127.0.0.1'] };

function handshake(address: string, overrides: Partial<HandshakeRequest> = {}): HandshakeRequest {
  return {
    address,
    verificationToken: null,
    signingSecret: null,
    timeoutMs: 3000,
    allowHttp: false,
    guard,
    ...overrides,
  };
}

describe('performHandshake over TLS', () => {
  let cert = '';
  let port = 0;
  let close: () => Promise<void>;
  before(async () => {
    const pair = await selfSignedCert('DNS:hooks.test');
    cert = pair.cert;
    const server = createTlsServer({ key: pair.key, cert: pair.cert }, (socket) => {
      socket.on('error', () => {});
      socket.once('data', (chunk) => {
        const token = /\r\nValidation-Token: ([^\r]*)\r\n/.exec(chunk.toString('latin1'))?.[1] ?? '';
        socket.end(`HTTP/1.1 200 OK\r\nValidation-Token: ${token}\r\nContent-Length: 0\r\n\r\n`);
      });
    });
    server.on('tlsClientError', () => {}); // the client rejects our certificate in some tests
    ({ port, close } = await listen(server));
  });
  after(() => close());

  it('passes when the certificate is trusted and names the host', async () => {
    const result = await performHandshake(handshake(`https://hooks.test:${port}/`, { tls: { ca: cert } }));
    assert.equal(result.ok, true, result.ok ? '' : result.detail);
  });

  it('fails with SUB-524 on a self-signed certificate, naming the TLS error', async () => {
    const result = await performHandshake(handshake(`https://hooks.test:${port}/`));
    assert.equal(result.ok ? null : result.code, 'SUB-524');
    assert.equal(
      result.ok ? '' : result.detail,
      'TLS handshake failed: DEPTH_ZERO_SELF_SIGNED_CERT (self-signed certificate)',
    );
  });

  it('fails with SUB-524 when the certificate is for another name', async () => {
    const result = await performHandshake(handshake(`https://other.test:${port}/`, { tls: { ca: cert } }));
    assert.equal(result.ok ? null : result.code, 'SUB-524');
    assert.match(result.ok ? '' : result.detail, /ERR_TLS_CERT_ALTNAME_INVALID/);
  });

  it('fails with SUB-524 when the port speaks plain HTTP', async () => {
    // What an HTTP server answers to a TLS ClientHello.
    const plain = await listen(
      createNetServer((socket) => {
        socket.on('error', () => {});
        socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n'));
      }),
    );
    const result = await performHandshake(handshake(`https://hooks.test:${plain.port}/`));
    await plain.close();
    assert.equal(result.ok ? null : result.code, 'SUB-524');
    assert.equal(
      result.ok ? '' : result.detail,
      'TLS handshake failed: EPROTO (wrong version number: is the port serving plain HTTP?)',
    );
  });
});
