import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { HttpTlsOptions } from '../outbound/http-pools.js';
import { checkIpLiteral, createGuardedLookup, type UrlGuardOptions } from '../outbound/url-guard.js';

export interface RawExchangeOptions {
  url: URL;
  /** The complete request, written as is. */
  request: Buffer;
  /** One deadline for connect, TLS and the whole response. */
  timeoutMs: number;
  /** Reading stops once more than `limit` bytes have arrived (at most `limit + 1` are kept). */
  limit: number;
  guard: UrlGuardOptions;
  tls?: HttpTlsOptions;
  /** Whether what was read is a complete answer; `eof` when the peer has closed. */
  isDone: (bytes: Buffer, eof: boolean) => boolean;
}

export interface RawExchange {
  /** What was read: at most `limit + 1` bytes. */
  bytes: Buffer;
  end: 'done' | 'limit' | 'timeout' | 'closed' | 'error';
  /** How far the connection got: still connecting, in the TLS handshake, or waiting for the answer. */
  phase: 'connect' | 'tls' | 'response';
  error: Error | null;
  elapsedMs: number;
}

/**
 * Writes one request on a fresh socket and reads the raw answer, never keeping more than
 * `limit + 1` bytes. The handshake needs this instead of an HTTP client because its limit
 * covers the status line and headers byte for byte (ringcentral-protocol.md §4.3, §4.5), and an
 * HTTP client would buffer a large header block before we could count it. The connection goes
 * through the address guard, so forbidden addresses are refused at connect time.
 */
export function exchangeRaw(opts: RawExchangeOptions): Promise<RawExchange> {
  return new Promise((resolve) => {
    const started = performance.now();
    const buffer = Buffer.alloc(opts.limit + 1);
    let length = 0;
    let phase: RawExchange['phase'] = 'connect';
    let socket: Socket | null = null;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;

    const finish = (end: RawExchange['end'], error: Error | null = null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.destroy();
      const elapsedMs = Math.round(performance.now() - started);
      resolve({ bytes: buffer.subarray(0, length), end, phase, error, elapsedMs });
    };

    const refused = checkIpLiteral(opts.url.hostname, opts.guard);
    if (refused) return finish('error', refused);

    timer = setTimeout(() => finish('timeout'), opts.timeoutMs);
    const s = openSocket(opts);
    socket = s;
    s.once('connect', () => {
      phase = opts.url.protocol === 'https:' ? 'tls' : 'response';
    });
    s.once('secureConnect', () => {
      phase = 'response';
    });
    s.on('data', (chunk: Buffer) => {
      const n = Math.min(chunk.length, buffer.length - length);
      chunk.copy(buffer, length, 0, n);
      length += n;
      if (opts.isDone(buffer.subarray(0, length), false)) finish('done');
      else if (length > opts.limit) finish('limit');
    });
    s.once('end', () => finish(opts.isDone(buffer.subarray(0, length), true) ? 'done' : 'closed'));
    s.once('close', () => finish('closed'));
    s.on('error', (err) => finish('error', err));
    // Written before the connection is up: sockets queue it until connected (TLS: until secure).
    s.write(opts.request);
  });
}

function openSocket(opts: RawExchangeOptions): Socket {
  const host = opts.url.hostname.replace(/^\[(.*)\]$/, '$1');
  const lookup = createGuardedLookup(opts.guard);
  if (opts.url.protocol === 'http:') {
    return netConnect({ host, port: Number(opts.url.port || 80), lookup });
  }
  return tlsConnect({
    host,
    port: Number(opts.url.port || 443),
    lookup,
    minVersion: 'TLSv1.2', // ringcentral-protocol.md §4.3
    ALPNProtocols: ['http/1.1'],
    ...(opts.tls?.ca !== undefined && { ca: opts.tls.ca }),
    ...(opts.tls?.rejectUnauthorized !== undefined && { rejectUnauthorized: opts.tls.rejectUnauthorized }),
  });
}
