import { connect } from 'node:net';

/** One HTTP response exactly as it came off the socket. */
export interface RawResponse {
  /** Status line, headers and body, byte for byte. */
  bytes: Buffer;
  head: string;
  body: Buffer;
}

/**
 * Sends `request` (raw HTTP/1.1 text) over a plain TCP socket and reads one response: the
 * head up to the blank line, then the body (`Content-Length` bytes, or chunks to the last). What RingCentral's sender
 * measures against its 1024-byte limit (ringcentral-protocol.md §4.3).
 */
export function rawExchange(port: number, request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const response = completeResponse(received);
      if (response) {
        socket.destroy();
        resolve(response);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`connection closed after ${received.length} bytes`)));
  });
}

function completeResponse(received: Buffer): RawResponse | undefined {
  const headEnd = received.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined;
  const head = received.subarray(0, headEnd).toString('latin1');
  const total = /\r\ntransfer-encoding:\s*chunked/i.test(head)
    ? chunkedEnd(received, headEnd + 4)
    : headEnd + 4 + Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
  if (total === undefined || received.length < total) return undefined;
  return { bytes: received.subarray(0, total), head, body: received.subarray(headEnd + 4, total) };
}

/** Where a chunked body ends: after its last, empty chunk (enough for the small bodies tested). */
function chunkedEnd(received: Buffer, bodyStart: number): number | undefined {
  const last = received.indexOf('0\r\n\r\n', bodyStart);
  return last === -1 ? undefined : last + 5;
}
