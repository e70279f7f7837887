import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { PRESENCE_2001, TOKENS } from '../api/api-fixtures.js';
import { createHarness, type Harness } from '../api/harness.js';
import { waitFor } from '../helpers/wait-for.js';
import { errorShapeProblem } from './support/error-shape.js';
import { rawRequest } from './support/raw-request.js';

/**
 * Bad input no HTTP client would send, written byte for byte to a listening server (docs/reliability.md):
 * invalid UTF-8, broken chunked encoding, CR/LF and NUL in headers, conflicting lengths, a TLS
 * hello on the plain port. Every answer is a 4xx in the RingCentral error shape, never a 5xx, a
 * hang or a crash, and the server serves normally afterwards.
 */

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

function withBody(head: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${head}Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
}

const AUTH = `Authorization: Bearer ${TOKENS.publisher}\r\n`;
const JSON_HEAD = `POST /v1/events HTTP/1.1\r\nHost: x\r\n${AUTH}Content-Type: application/json\r\n`;

/** [name, request bytes, expected status (or null: any 4xx), expected errorCode (or null)] */
const CASES: Array<[string, Buffer, number | null, string | null]> = [
  [
    'invalid UTF-8 inside a JSON string',
    withBody(JSON_HEAD, bytes(`{"event":"${PRESENCE_2001}","body":{"x":"`, [0xff, 0xfe, 0xc3, 0x28], '"}}')),
    400,
    'SWB-107',
  ],
  [
    'an overlong UTF-8 encoding of "/" in the event path',
    withBody(JSON_HEAD, bytes('{"event":"', [0xc0, 0xaf], 'restapi","body":{}}')),
    400,
    'SWB-107',
  ],
  [
    'a UTF-16 surrogate encoded as UTF-8 (CESU-8)',
    withBody(JSON_HEAD, bytes(`{"event":"${PRESENCE_2001}","body":{"x":"`, [0xed, 0xa0, 0x80], '"}}')),
    400,
    'SWB-107',
  ],
  [
    'raw non-ASCII bytes in the path',
    bytes('GET /v1/events/', [0xff, 0xfe, 0x80], ` HTTP/1.1\r\nHost: x\r\n${AUTH}\r\n`),
    null,
    null,
  ],
  [
    'percent-encoded invalid UTF-8 in the path',
    bytes(`GET /v1/events/%ff%fe HTTP/1.1\r\nHost: x\r\n${AUTH}\r\n`),
    400,
    'CMN-101',
  ],
  [
    'percent-encoded NUL in the path',
    bytes(`GET /v1/events/a%00b HTTP/1.1\r\nHost: x\r\n${AUTH}\r\n`),
    404,
    'CMN-102',
  ],
  [
    'invalid UTF-8 in the query string',
    bytes(
      'GET /v1/subscriptions?status=',
      [0xff],
      `&accountId=%ff HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.user}\r\n\r\n`,
    ),
    400,
    'CMN-101',
  ],
  [
    'invalid UTF-8 in the bearer token',
    bytes('GET /v1/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ', [0xff, 0xfe], '\r\n\r\n'),
    401,
    'SWB-102',
  ],
  [
    'broken chunked encoding (a size that is not hex)',
    bytes(`${JSON_HEAD}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`),
    400,
    'CMN-101',
  ],
  [
    'a chunk longer than its declared size',
    bytes(`${JSON_HEAD}Transfer-Encoding: chunked\r\n\r\n2\r\n{"event":1}\r\n0\r\n\r\n`),
    400,
    'CMN-101',
  ],
  [
    'a chunk size overflowing 64 bits',
    bytes(`${JSON_HEAD}Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n{}\r\n0\r\n\r\n`),
    400,
    'CMN-101',
  ],
  [
    'Content-Length and Transfer-Encoding together (request smuggling)',
    bytes(`${JSON_HEAD}Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`),
    400,
    'CMN-101',
  ],
  [
    'two different Content-Lengths',
    bytes(`${JSON_HEAD}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`),
    400,
    'CMN-101',
  ],
  [
    'a Content-Length that is not a number',
    bytes(`${JSON_HEAD}Content-Length: 1e3\r\n\r\n{}`),
    400,
    'CMN-101',
  ],
  [
    'a bare CR inside the Authorization header',
    bytes(
      `GET /v1/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.admin}\rX-Injected: 1\r\n\r\n`,
    ),
    400,
    'CMN-101',
  ],
  [
    'a NUL inside the Authorization header',
    bytes(`GET /v1/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.admin}\u0000x\r\n\r\n`),
    400,
    'CMN-101',
  ],
  [
    'CR/LF folded into the token (obsolete line folding)',
    bytes(`GET /v1/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n ${TOKENS.admin}\r\n\r\n`),
    null,
    null,
  ],
  [
    'a space before the header colon',
    bytes(`GET /v1/tokens HTTP/1.1\r\nHost: x\r\nAuthorization : Bearer ${TOKENS.admin}\r\n\r\n`),
    400,
    'CMN-101',
  ],
  [
    'a header name with a control character',
    bytes(`GET /v1/tokens HTTP/1.1\r\nHost: x\r\nX-\u0001: 1\r\n${AUTH}\r\n`),
    400,
    'CMN-101',
  ],
  [
    'headers over 16 KB',
    bytes(`GET /v1/tokens HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    431,
    'CMN-101',
  ],
  ['an unknown method', bytes(`BREW /v1/events HTTP/1.1\r\nHost: x\r\n${AUTH}\r\n`), null, null],
  [
    'a TLS ClientHello on the plain HTTP port',
    bytes([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]),
    400,
    'CMN-101',
  ],
  ['an HTTP/2 preface on an HTTP/1.1 port', bytes('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), null, null],
  ['a request line without a version', bytes('GET /v1/tokens\r\nHost: x\r\n\r\n'), null, null],
  [
    'a JSON body that is only whitespace and BOM',
    withBody(JSON_HEAD, bytes([0xef, 0xbb, 0xbf], '   ')),
    400,
    null,
  ],
];

describe('raw bytes on the socket', () => {
  let h: Harness;
  let port: number;
  before(async () => {
    h = await createHarness();
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    const address = h.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    port = address.port;
  });
  after(async () => h.close());

  for (const [name, request, status, code] of CASES) {
    it(`${name} → ${status ?? '4xx'}${code ? ` ${code}` : ''}`, async () => {
      const answer = await rawRequest(port, request);
      assert.ok(answer.status !== null, `an HTTP answer, got ${JSON.stringify(answer.text.slice(0, 200))}`);
      if (status !== null) assert.equal(answer.status, status, answer.text.slice(0, 400));
      assert.ok(answer.status >= 400 && answer.status < 500, answer.text.slice(0, 400));
      assert.equal(errorShapeProblem(answer.body), null, answer.text.slice(0, 400));
      if (code !== null) assert.equal(JSON.parse(answer.body).errorCode, code);
    });
  }

  it('a valid request answered, then garbage on the same connection: a 400, then closed', async () => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n');
    await waitFor(() => received.includes('{"status":"ok"}'), 'the first answer', 2000);
    socket.write(bytes([0x00, 0xff, 0x13, 0x37], '\r\n\r\n'));
    await closed;
    assert.match(received, /^HTTP\/1\.1 200 OK/);
    assert.match(received, /HTTP\/1\.1 400 Bad Request[\s\S]*"errorCode":"CMN-101"/);
  });

  it('still serves normally afterwards', async (t) => {
    const ready = await rawRequest(port, 'GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(ready.status, 200);
    const body = Buffer.from(JSON.stringify({ event: PRESENCE_2001, body: { ok: true } }));
    const published = await rawRequest(port, withBody(`${JSON_HEAD}Connection: close\r\n`, body));
    assert.equal(published.status, 202, published.text);
    t.diagnostic(`raw-socket cases: ${CASES.length + 2}`);
  });
});
