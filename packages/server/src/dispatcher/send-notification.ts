import { Readable } from 'node:stream';
import { reasonForError, reasonForStatus } from '../outbound/failure-reason.js';
import type { HttpPools } from '../outbound/http-pools.js';
import { urlOf } from './origin-of.js';
import { parseRetryAfter } from './retry-after.js';

export interface SendRequest {
  address: string;
  headers: Record<string, string>;
  /** The body, whole or in pieces written one after the other (then `headers` gives its length). */
  body: string | readonly Uint8Array[];
  /** One deadline for connect, response headers and body together. */
  timeoutMs: number;
  /** Response bytes kept for the attempt log; the rest is never read. */
  maxResponseBytes: number;
}

export interface SendOutcome {
  /** The response status, or null when none arrived. */
  status: number | null;
  latencyMs: number;
  /** Any 2xx, complete within the deadline (docs/decisions.md "Delivery"). */
  ok: boolean;
  /** 410: the receiver asked to stop; the subscription is blacklisted at once. */
  gone: boolean;
  /** RingCentral's wording (ringcentral-protocol.md §7.4), null when ok. */
  error: string | null;
  /** At most `maxResponseBytes` of the body as UTF-8; null when no response arrived. */
  responseSnippet: string | null;
  retryAfterMs: number | null;
}

/**
 * POSTs one notification and reports what happened. **Never throws**: every failure, including
 * an invalid address, is an outcome for the attempt log. Redirects are not followed (3xx fails).
 * Reads at most `maxResponseBytes` of the body, then drops the connection instead of draining.
 *
 * It gives undici's dispatcher a handler (`ResponseReader`) rather than calling `request()`: no
 * AbortController, response stream or async iterator per attempt (docs/performance.md "Ninth
 * round").
 *
 * @example
 * const outcome = await sendNotification(pools, { address, headers, body, timeoutMs: 3000, maxResponseBytes: 4096 });
 * if (!outcome.ok) log(outcome.error); // 'Webhook responses with code: [500], reason: [Internal Server Error]'
 */
export function sendNotification(
  pools: HttpPools,
  req: SendRequest,
  now: () => number = Date.now,
): Promise<SendOutcome> {
  return new Promise((resolve) => {
    const reader = new ResponseReader(req, now, resolve);
    try {
      const url = urlOf(req.address);
      pools.dispatcherFor(url).dispatch(
        {
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          headers: req.headers,
          body: requestBody(req.body),
        },
        reader,
      );
    } catch (err) {
      reader.onError(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

/**
 * One attempt's handler, in undici's dispatch callbacks: one deadline for connect, response head
 * and body together; the status and `Retry-After` from the head; at most `maxResponseBytes` of the
 * body; exactly one outcome.
 */
class ResponseReader {
  private readonly started: number;
  private readonly timer: NodeJS.Timeout;
  private abort: ((reason?: Error) => void) | null = null;
  /** Set when the deadline passed: the reason given, whatever undici reports after it. */
  private timedOut: Error | null = null;
  private settled = false;
  private status: number | null = null;
  private retryAfterMs: number | null = null;
  private readonly chunks: Buffer[] = [];
  private length = 0;

  constructor(
    private readonly req: SendRequest,
    private readonly now: () => number,
    private readonly resolve: (outcome: SendOutcome) => void,
  ) {
    this.started = now();
    this.timer = setTimeout(() => {
      this.timedOut = new DOMException(`no response within ${req.timeoutMs} ms`, 'TimeoutError');
      // Not on a socket yet: aborted the moment it gets one (onConnect).
      this.abort?.(this.timedOut);
    }, req.timeoutMs);
  }

  onConnect(abort: (reason?: Error) => void): void {
    this.abort = abort;
    if (this.timedOut) abort(this.timedOut);
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (statusCode < 200) return true; // informational: the real head follows
    this.status = statusCode;
    this.retryAfterMs = parseRetryAfter(headerValue(rawHeaders, 'retry-after'), this.now());
    if (this.req.maxResponseBytes <= 0) this.stopReading();
    return true;
  }

  onData(chunk: Buffer): boolean {
    const room = this.req.maxResponseBytes - this.length;
    this.chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    this.length += Math.min(chunk.length, room);
    if (this.length >= this.req.maxResponseBytes) this.stopReading();
    return true;
  }

  onComplete(): void {
    this.finish(null);
  }

  onError(err: Error): void {
    this.finish(err);
  }

  /** The cap is reached: the rest is never read, and the connection goes with it. */
  private stopReading(): void {
    this.finish(null);
    this.abort?.(new Error('response read up to its cap'));
  }

  private finish(err: Error | null): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    const { status } = this;
    let error: string | null = null;
    if (this.timedOut) error = reasonForError(this.timedOut);
    else if (err !== null) error = reasonForError(err);
    else if (status === null || status < 200 || status >= 300) error = reasonForStatus(status ?? 0);
    this.resolve({
      status,
      latencyMs: Math.max(0, Math.round(this.now() - this.started)),
      ok: error === null,
      gone: status === 410,
      error,
      // What was read, once a head arrived; an error in the body still keeps what came before it.
      responseSnippet: status === null ? null : Buffer.concat(this.chunks, this.length).toString('utf8'),
      retryAfterMs: this.retryAfterMs,
    });
  }
}

/** The first value of a header in undici's raw form: name, value, name, value, … as bytes. */
function headerValue(raw: Buffer[], name: string): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i] as Buffer;
    if (key.length === name.length && key.toString('latin1').toLowerCase() === name)
      return (raw[i + 1] as Buffer).toString('latin1');
  }
  return undefined;
}

/** Below this a body in pieces is joined (one small copy); above it the pieces are streamed. */
const JOIN_BELOW_BYTES = 64 * 1024;

/** A large event body is streamed by reference, never copied per attempt; a small one is joined. */
function requestBody(body: SendRequest['body']): string | Buffer | Readable {
  if (typeof body === 'string') return body;
  let length = 0;
  for (const part of body) length += part.byteLength;
  return length < JOIN_BELOW_BYTES ? Buffer.concat(body, length) : Readable.from(body);
}
