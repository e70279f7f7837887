import { randomUUID } from 'node:crypto';
import { HEADERS, sign } from '@switchboard/receiver';
import { exchangeRaw } from '../../handshake/exchange-raw.js';
import { parseResponse } from '../../handshake/parse-response.js';
import { USER_AGENT } from '../../outbound/user-agent.js';

/** Enough to measure a response well past 1,024 bytes without buffering a flood. */
const READ_LIMIT = 16 * 1024;

export interface RawRequest {
  url: URL;
  headers: Array<[string, string]>;
  body: string;
  signingSecret: string | null;
  timeoutMs: number;
  ca: string | null;
}

/** What the receiver did with one request, measured on the wire. */
export interface RawAnswer {
  /** null: no complete status line (`failure` says why). */
  status: number | null;
  headers: Array<[string, string]>;
  /** Bytes of the whole answer (status line, headers, body), or what was read before the limit. */
  size: number;
  /** The answer did not end within READ_LIMIT bytes. */
  overLimit: boolean;
  elapsedMs: number;
  /** Why there was no usable answer: a timeout, a refused connection, a TLS error. */
  failure: string | null;
  /** How far it got when it failed. */
  phase: 'connect' | 'tls' | 'response';
}

/**
 * Sends one request the way Switchboard's handshake does (a fresh connection, the raw bytes
 * measured, no redirects followed, one deadline for everything) and says what came back. The
 * address guard is open: `check` is pointed at the user's own receiver, often on loopback.
 */
export async function sendRawRequest(req: RawRequest): Promise<RawAnswer> {
  const body = Buffer.from(req.body, 'utf8');
  const headers: Array<[string, string]> = [
    ['Host', req.url.host],
    ['User-Agent', USER_AGENT],
    ...req.headers,
    ['Content-Length', String(body.length)],
  ];
  if (req.signingSecret !== null) {
    const id = randomUUID();
    const now = Math.floor(Date.now() / 1000);
    headers.push(
      [HEADERS.webhookId, id],
      [HEADERS.webhookTimestamp, String(now)],
      [HEADERS.webhookSignature, await sign(req.signingSecret, id, now, req.body)],
    );
  }
  headers.push(['Connection', 'close']);
  let head = `POST ${req.url.pathname}${req.url.search} HTTP/1.1\r\n`;
  for (const [name, value] of headers) {
    if (/[\0\r\n]/.test(value)) throw new TypeError(`${name} contains a control character`);
    head += `${name}: ${value}\r\n`;
  }
  const exchange = await exchangeRaw({
    url: req.url,
    request: Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), body]),
    timeoutMs: req.timeoutMs,
    limit: READ_LIMIT,
    guard: { allowHttp: true, allowPrivate: true },
    ...(req.ca !== null ? { tls: { ca: req.ca } } : {}),
    isDone: (bytes, eof) => parseResponse(bytes, eof).kind !== 'incomplete',
  });
  const eof = exchange.end === 'done' || exchange.end === 'closed';
  const parsed = parseResponse(exchange.bytes, eof);
  const complete = parsed.kind === 'complete';
  const failure =
    exchange.end === 'timeout'
      ? `no complete answer within ${req.timeoutMs} ms`
      : exchange.error && !complete
        ? ((exchange.error as NodeJS.ErrnoException).code ?? exchange.error.message)
        : parsed.kind === 'malformed'
          ? parsed.detail
          : null;
  return {
    status: parsed.status,
    headers: parsed.kind === 'malformed' ? [] : (parsed.headers ?? []),
    size: complete ? parsed.size : exchange.bytes.length,
    overLimit: exchange.end === 'limit',
    elapsedMs: exchange.elapsedMs,
    failure,
    phase: exchange.phase,
  };
}

/** The value of header `name` (any case), or undefined. */
export function headerOf(answer: RawAnswer, name: string): string | undefined {
  return answer.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}
