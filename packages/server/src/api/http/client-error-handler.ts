import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { invalidParameter } from '../../errors.js';

/**
 * Requests Node's HTTP parser refuses — broken chunked encoding, CR/LF or other bytes HTTP does
 * not allow in the request line or a header, conflicting lengths — never reach a route. Fastify
 * answers them in its own shape; this answers them in the RingCentral shape (§3.7) like every
 * other error, so a client parsing `errorCode` never meets a body it cannot read. As Node does,
 * the connection is closed after the answer: the parser cannot find the next request in it.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const { status, detail } = describe(error.code);
    const body = JSON.stringify(invalidParameter('request', detail).toBody());
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

function describe(code: string | undefined): { status: number; detail: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, detail: 'the request headers are too large' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return { status: 408, detail: 'the request did not arrive in time' };
  return { status: 400, detail: `is not a valid HTTP/1.1 request (${code ?? 'parse error'})` };
}
