import { request as httpRequest, type IncomingHttpHeaders, STATUS_CODES } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What the forwarded-to app answered, or why it could not. */
export interface ForwardResult {
  url: string;
  /** null when there was no answer (`error` says why). */
  status: number | null;
  latencyMs: number;
  error?: string;
  retryAfter?: string;
}

/** Headers that describe one connection, not the request (RFC 9110 §7.6.1); Host is the target's. */
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authorization',
  'proxy-authenticate',
]);

/** Bytes of the app's answer read (and dropped): enough to finish the exchange, never a flood. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Sends the request Switchboard made to `target`, unchanged: every header (Verification-Token,
 * webhook-id, webhook-timestamp, webhook-signature, User-Agent, …) but the hop-by-hop ones, and
 * the raw body bytes, so the app verifies the same signature Switchboard computed. Never throws.
 */
export function forwardRequest(
  target: URL,
  headers: IncomingHttpHeaders,
  body: Buffer,
  timeoutMs: number,
): Promise<ForwardResult> {
  const started = performance.now();
  const url = target.toString();
  const outgoing: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) outgoing[name] = value;
  }
  outgoing['content-length'] = String(body.length);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<ForwardResult, 'url' | 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ url, latencyMs: Math.round(performance.now() - started), ...result });
    };
    const req = send(target, { method: 'POST', headers: outgoing, timeout: timeoutMs }, (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) res.destroy();
      });
      const retryAfter = res.headers['retry-after'];
      const done = () =>
        finish({ status: res.statusCode ?? null, ...(retryAfter !== undefined ? { retryAfter } : {}) });
      res.on('end', done);
      res.on('close', done);
    });
    req.on('timeout', () => {
      req.destroy();
      finish({ status: null, error: `no answer within ${timeoutMs} ms` });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      finish({
        status: null,
        error: err.code === 'ECONNREFUSED' ? 'connection refused' : (err.code ?? err.message),
      });
    });
    req.end(body);
  });
}

/** `200 OK`, `503 Service Unavailable`. */
export function statusLine(status: number): string {
  const text = STATUS_CODES[status];
  return text ? `${status} ${text}` : String(status);
}
