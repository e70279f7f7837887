import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { generateSecret } from '@switchboard/receiver';
import { Webhook } from 'standardwebhooks';
import { type HandshakeRequest, performHandshake } from '../../src/handshake/index.js';
import { USER_AGENT } from '../../src/outbound/user-agent.js';
import { closedPort, listen } from '../http/support/listen.js';
import { echo, type ReceivedRequest, rawResponse, rawServer } from './support/raw-server.js';

type Responder = Parameters<typeof rawServer>[0];
const LOCAL = { allowHttp: true, allowPrivate: true };

function handshake(address: string, overrides: Partial<HandshakeRequest> = {}): HandshakeRequest {
  return {
    address,
    verificationToken: null,
    signingSecret: null,
    timeoutMs: 3000,
    allowHttp: true,
    guard: LOCAL,
    ...overrides,
  };
}

describe('performHandshake against one receiver', () => {
  let respond: Responder = echo;
  let server: Awaited<ReturnType<typeof rawServer>>;
  let base = '';
  before(async () => {
    server = await rawServer((request, socket) => respond(request, socket));
    base = `http://127.0.0.1:${server.port}`;
  });
  after(() => server.close());
  const last = (): ReceivedRequest => {
    const request = server.requests.at(-1);
    assert.ok(request, 'the receiver got a request');
    return request;
  };

  it('passes when the token is echoed, and sends the documented request (§4.2)', async () => {
    respond = echo;
    const result = await performHandshake(
      handshake(`${base}/hook?x=1`, { verificationToken: 'vt-secret-123' }),
      () => 'token-1',
    );
    assert.equal(result.ok, true);
    assert.ok(result.latencyMs >= 0 && result.latencyMs < 3000);
    const request = last();
    assert.equal(request.head.split('\r\n')[0], 'POST /hook?x=1 HTTP/1.1');
    assert.equal(request.headers.host, `127.0.0.1:${server.port}`);
    assert.equal(request.headers['content-length'], '0');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['user-agent'], USER_AGENT);
    assert.equal(request.headers['validation-token'], 'token-1');
    assert.equal(request.headers['verification-token'], 'vt-secret-123');
    assert.match(request.head, /\r\nValidation-Token: token-1(\r\n|$)/, 'spelled as RingCentral sends it');
    assert.equal(request.body, '', 'empty body');
    assert.equal(request.headers['webhook-signature'], undefined, 'unsigned without a secret');
  });

  it('sends a fresh random token each time and no Verification-Token when none is set', async () => {
    respond = echo;
    await performHandshake(handshake(`${base}/`));
    const first = last().headers['validation-token'];
    await performHandshake(handshake(`${base}/`));
    const second = last().headers['validation-token'];
    assert.match(first ?? '', /^[0-9a-f-]{36}$/);
    assert.notEqual(first, second);
    assert.equal(last().headers['verification-token'], undefined);
  });

  it('signs the empty body so that the standardwebhooks package verifies it', async () => {
    respond = echo;
    const secret = generateSecret();
    const result = await performHandshake(handshake(`${base}/`, { signingSecret: secret }));
    assert.equal(result.ok, true);
    const { headers } = last();
    const webhookHeaders = {
      'webhook-id': headers['webhook-id'] ?? '',
      'webhook-timestamp': headers['webhook-timestamp'] ?? '',
      'webhook-signature': headers['webhook-signature'] ?? '',
    };
    assert.match(webhookHeaders['webhook-signature'], /^v1,/);
    assert.doesNotThrow(() => new Webhook(secret).verify('', webhookHeaders, { jsonParse: false }));
    assert.throws(() => new Webhook(generateSecret()).verify('', webhookHeaders, { jsonParse: false }));
    await performHandshake(handshake(`${base}/`, { signingSecret: secret }));
    assert.notEqual(last().headers['webhook-id'], webhookHeaders['webhook-id'], 'a fresh id per handshake');
  });

  it('fails with SUB-520 when the 200 carries no token', async () => {
    respond = (_request, socket) => socket.end(rawResponse('200 OK', [['Content-Length', '0']]));
    const result = await performHandshake(handshake(`${base}/`));
    assert.deepEqual(result.ok ? null : [result.code, result.detail], [
      'SUB-520',
      'expected the Validation-Token echoed, got header missing',
    ]);
  });

  it('fails with SUB-520 on a different token, without printing either token', async () => {
    respond = (_request, socket) =>
      socket.end(
        rawResponse('200 OK', [
          ['Validation-Token', 'stale-token'],
          ['Content-Length', '0'],
        ]),
      );
    const result = await performHandshake(handshake(`${base}/`), () => 'fresh-token');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.code, 'SUB-520');
    assert.equal(result.detail, 'expected the Validation-Token echoed, got a different value');
  });

  it('recognises a receiver echoing the Verification-Token, without printing it', async () => {
    respond = (request, socket) =>
      socket.end(
        rawResponse('200 OK', [
          ['Validation-Token', request.headers['verification-token'] ?? ''],
          ['Content-Length', '0'],
        ]),
      );
    const result = await performHandshake(handshake(`${base}/`, { verificationToken: 'vt-secret-123' }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.code, 'SUB-520');
    assert.match(result.detail, /got the Verification-Token value instead/);
    assert.doesNotMatch(result.detail, /vt-secret-123/);
  });

  it('accepts the echo in any header case and with surrounding whitespace', async () => {
    respond = (request, socket) =>
      socket.end(
        `HTTP/1.1 200 OK\r\nvalidation-TOKEN:   ${request.headers['validation-token']}  \r\nContent-Length: 0\r\n\r\n`,
      );
    assert.equal((await performHandshake(handshake(`${base}/`))).ok, true);
  });

  it('accepts a chunked or connection-delimited body', async () => {
    respond = (request, socket) =>
      socket.end(
        rawResponse(
          '200 OK',
          [
            ['Validation-Token', request.headers['validation-token'] ?? ''],
            ['Transfer-Encoding', 'chunked'],
          ],
          '2\r\nok\r\n0\r\n\r\n',
        ),
      );
    assert.equal((await performHandshake(handshake(`${base}/`))).ok, true);
    respond = (request, socket) =>
      socket.end(
        rawResponse('200 OK', [['Validation-Token', request.headers['validation-token'] ?? '']], '{}'),
      );
    assert.equal((await performHandshake(handshake(`${base}/`))).ok, true);
  });

  it('fails with SUB-521 when no answer comes within the timeout', async () => {
    respond = () => {}; // accepts, reads, never answers
    const result = await performHandshake(handshake(`${base}/`, { timeoutMs: 200 }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.code, 'SUB-521');
    assert.match(result.detail, /^no response within 200 ms \(waited \d+ ms\)$/);
    assert.ok(result.latencyMs >= 150);
  });

  it('fails with SUB-521 when the answer starts but does not finish in time', async () => {
    respond = (request, socket) =>
      socket.write(
        rawResponse('200 OK', [
          ['Validation-Token', request.headers['validation-token'] ?? ''],
          ['Content-Length', '10'],
        ]),
      );
    const result = await performHandshake(handshake(`${base}/`, { timeoutMs: 200 }));
    assert.equal(result.ok ? null : result.code, 'SUB-521');
    assert.match(
      result.ok ? '' : result.detail,
      /^response not complete within 200 ms \(waited \d+ ms\), read \d+ bytes$/,
    );
  });

  it('fails with SUB-521 and names the status on a 500, even with a large error page', async () => {
    respond = (_request, socket) =>
      socket.end(rawResponse('500 Internal Server Error', [['Content-Length', '5000']], 'x'.repeat(5000)));
    const result = await performHandshake(handshake(`${base}/`));
    assert.deepEqual(result.ok ? null : [result.code, result.detail], [
      'SUB-521',
      'status 500: the receiver answered and refused the validation request',
    ]);
  });

  it('fails with SUB-521 on a redirect without following it', async () => {
    respond = (request, socket) =>
      socket.end(
        request.head.startsWith('POST /moved')
          ? rawResponse('200 OK', [['Validation-Token', request.headers['validation-token'] ?? '']])
          : rawResponse('302 Found', [
              ['Location', '/moved'],
              ['Content-Length', '0'],
            ]),
      );
    const before = server.requests.length;
    const result = await performHandshake(handshake(`${base}/`));
    assert.deepEqual(result.ok ? null : [result.code, result.detail], [
      'SUB-521',
      'status 302: redirects are not followed (Location: /moved)',
    ]);
    assert.equal(server.requests.length - before, 1, 'only one request was made');
  });

  it('fails with SUB-525 on a response over 1024 bytes (many headers), reading at most 1025', async () => {
    respond = (request, socket) => {
      const headers: Array<[string, string]> = [
        ['Validation-Token', request.headers['validation-token'] ?? ''],
      ];
      for (let i = 0; i < 200; i++) headers.push([`X-Header-${i}`, 'some value']);
      socket.end(rawResponse('200 OK', [...headers, ['Content-Length', '0']]));
    };
    const result = await performHandshake(handshake(`${base}/`));
    assert.deepEqual(result.ok ? null : [result.code, result.detail], [
      'SUB-525',
      'response too large: read 1025 bytes, limit 1024',
    ]);
  });

  it('counts the status line and headers: exactly 1024 bytes pass, 1025 fail', async () => {
    const sized = (token: string, total: number) => {
      const without = rawResponse('200 OK', [
        ['Validation-Token', token],
        ['X-Pad', ''],
      ]);
      return rawResponse('200 OK', [
        ['Validation-Token', token],
        ['X-Pad', 'p'.repeat(total - without.length)],
      ]);
    };
    let size = 1024;
    respond = (request, socket) => {
      const response = sized(request.headers['validation-token'] ?? '', size);
      assert.equal(Buffer.byteLength(response), size);
      socket.end(response);
    };
    assert.equal((await performHandshake(handshake(`${base}/`))).ok, true);
    size = 1025;
    const over = await performHandshake(handshake(`${base}/`));
    assert.equal(over.ok ? null : over.code, 'SUB-525');
  });

  it('fails with SUB-525 on a response that is not HTTP', async () => {
    respond = (_request, socket) => socket.end('hello there\r\n\r\n');
    const result = await performHandshake(handshake(`${base}/`));
    assert.deepEqual(result.ok ? null : [result.code, result.detail], [
      'SUB-525',
      'malformed response: the response does not start with HTTP/',
    ]);
  });

  it('fails with SUB-525 when the connection closes in the middle of the answer', async () => {
    respond = (_request, socket) => socket.end('HTTP/1.1 200 OK\r\nValidation-To');
    const result = await performHandshake(handshake(`${base}/`));
    assert.equal(result.ok ? null : result.code, 'SUB-525');
    assert.match(result.ok ? '' : result.detail, /connection closed before the response was complete/);
  });

  it('fails with SUB-521 when the connection closes without an answer', async () => {
    respond = (_request, socket) => socket.end();
    const result = await performHandshake(handshake(`${base}/`));
    assert.deepEqual(result.ok ? null : [result.code, result.detail], [
      'SUB-521',
      'connection closed without a response',
    ]);
  });
});

describe('performHandshake: reachability and address rules', () => {
  it('fails with SUB-521 on a closed port', async () => {
    const port = await closedPort(createNetServer());
    const result = await performHandshake(handshake(`http://127.0.0.1:${port}/`));
    assert.deepEqual(result.ok ? null : [result.code, result.detail], [
      'SUB-521',
      'could not connect (ECONNREFUSED)',
    ]);
  });

  it('fails with SUB-523 on http when https is required, without connecting', async () => {
    const server = await rawServer(echo);
    const result = await performHandshake(
      handshake(`http://127.0.0.1:${server.port}/`, { allowHttp: false }),
    );
    await server.close();
    assert.deepEqual(result.ok ? null : [result.code, result.detail], [
      'SUB-523',
      'address http is not allowed, use https',
    ]);
    assert.equal(server.connections(), 0);
  });

  it('works against a Node http server that echoes the token', async () => {
    const server = createServer((req, res) => {
      res.setHeader('Validation-Token', req.headers['validation-token'] ?? '');
      res.end();
    });
    const { port, close } = await listen(server);
    const result = await performHandshake(handshake(`http://127.0.0.1:${port}/`));
    await close();
    assert.equal(result.ok, true, result.ok ? '' : result.detail);
  });
});
