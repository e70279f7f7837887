import { createServer, type Socket } from 'node:net';
import { listen } from '../../http/support/listen.js';

export interface ReceivedRequest {
  /** The request line and header block as sent, without the blank line. */
  head: string;
  /** Header names lower-cased; a repeated name keeps the last value. */
  headers: Record<string, string>;
  /** Bytes that arrived after the header block within the first read window. */
  body: string;
}

/**
 * A TCP server on 127.0.0.1 that reads one request head and hands it to `respond`, which writes
 * whatever bytes a misbehaving receiver would. Every request is recorded.
 */
export async function rawServer(respond: (request: ReceivedRequest, socket: Socket) => void) {
  const requests: ReceivedRequest[] = [];
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    let data = '';
    socket.on('error', () => {}); // the client hangs up on purpose in many tests
    socket.on('data', (chunk) => {
      if (data.includes('\r\n\r\n')) return;
      data += chunk.toString('latin1');
      const end = data.indexOf('\r\n\r\n');
      if (end === -1) return;
      const request = parse(data.slice(0, end), data.slice(end + 4));
      requests.push(request);
      respond(request, socket);
    });
  });
  const { port, close } = await listen(server);
  return { port, close, requests, connections: () => connections };
}

function parse(head: string, body: string): ReceivedRequest {
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { head, headers, body };
}

/** An HTTP/1.1 response as raw bytes: status line, headers in order, blank line, body. */
export function rawResponse(status: string, headers: Array<[string, string]>, body = ''): string {
  return `HTTP/1.1 ${status}\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n${body}`;
}

/** Answers 200 with the token echoed, the way a correct receiver does. */
export function echo(request: ReceivedRequest, socket: Socket): void {
  socket.end(
    rawResponse('200 OK', [
      ['Validation-Token', request.headers['validation-token'] ?? ''],
      ['Content-Type', 'application/json'],
      ['Content-Length', '0'],
    ]),
  );
}
