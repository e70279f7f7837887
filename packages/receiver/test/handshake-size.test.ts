// RingCentral refuses a handshake response over 1024 bytes, status line and headers included
// (ringcentral-protocol.md §4.3, SUB-525). Measured on the wire, through every adapter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_RESPONSE_BYTES } from '../src/protocol/headers.js';
import { ADAPTERS, WEBHOOK_PATH } from './support/adapter-servers.js';
import { rawExchange } from './support/raw-http.js';
import { NOW_MS, TOKEN } from './support/requests.js';

const VALIDATION_TOKEN = '11112222-3333-4444-5555-666677778888';
// Ours (the first two) and Node's own; nothing else, not even chunked encoding.
const EXPECTED_HEADERS = [
  'validation-token',
  'content-type',
  'content-length',
  'date',
  'connection',
  'keep-alive',
];

function headerNames(head: string): string[] {
  return head
    .split('\r\n')
    .slice(1)
    .map((line) => line.slice(0, line.indexOf(':')).toLowerCase())
    .sort();
}

// The handshake as RingCentral sends it (§4.2), with a keep-alive connection, which makes Node
// add `Connection: keep-alive` and `Keep-Alive: timeout=5`: the larger of the two cases.
const handshake = (port: number): string =>
  [
    `POST ${WEBHOOK_PATH} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Validation-Token: ${VALIDATION_TOKEN}`,
    `Verification-Token: ${TOKEN}`,
    'Content-Type: application/json',
    'Content-Length: 0',
    'User-Agent: RingCentral-Webhook/8.3 (Switchboard/0.1.0)',
    '',
    '',
  ].join('\r\n');

for (const adapter of ADAPTERS) {
  test(`handshake response on the wire is under ${MAX_RESPONSE_BYTES} bytes: ${adapter.name}`, async (t) => {
    const receiver = await adapter.start({
      verificationToken: TOKEN,
      now: () => NOW_MS,
      onNotification: () => {},
    });
    try {
      const response = await rawExchange(receiver.port, handshake(receiver.port));
      const size = response.bytes.length;
      t.diagnostic(`${adapter.name}: ${size} bytes\n${response.head}`);
      console.log(`handshake response size, ${adapter.name}: ${size} bytes`);
      assert.match(response.head, /^HTTP\/1\.1 200 OK\r\n/);
      assert.match(response.head, new RegExp(`\\r\\nvalidation-token: ${VALIDATION_TOKEN}(\\r\\n|$)`, 'i'));
      assert.match(response.head, /\r\ncontent-type: application\/json(\r\n|$)/i);
      assert.equal(response.body.length, 0);
      assert.deepEqual(
        headerNames(response.head),
        [...EXPECTED_HEADERS, ...(adapter.defaultHeaders ?? [])].sort(),
      );
      assert.ok(size < MAX_RESPONSE_BYTES, `${size} bytes`);
    } finally {
      await receiver.close();
    }
  });
}
