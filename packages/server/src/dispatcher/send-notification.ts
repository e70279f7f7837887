import { Readable } from 'node:stream';
import { reasonForError, reasonForStatus } from '../outbound/failure-reason.js';
import type { HttpPools } from '../outbound/http-pools.js';
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
 * @example
 * const outcome = await sendNotification(pools, { address, headers, body, timeoutMs: 3000, maxResponseBytes: 4096 });
 * if (!outcome.ok) log(outcome.error); // 'Webhook responses with code: [500], reason: [Internal Server Error]'
 */
export async function sendNotification(
  pools: HttpPools,
  req: SendRequest,
  now: () => number = Date.now,
): Promise<SendOutcome> {
  const started = now();
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException(`no response within ${req.timeoutMs} ms`, 'TimeoutError')),
    req.timeoutMs,
  );
  let status: number | null = null;
  let snippet: string | null = null;
  let retryAfterMs: number | null = null;
  try {
    const url = new URL(req.address);
    const response = await pools.dispatcherFor(url).request({
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      headers: req.headers,
      body: requestBody(req.body),
      signal: deadline.signal,
    });
    status = response.statusCode;
    retryAfterMs = parseRetryAfter(firstValue(response.headers['retry-after']), now());
    snippet = await readCapped(response.body, req.maxResponseBytes);
    const ok = status >= 200 && status < 300;
    return outcome(ok ? null : reasonForStatus(status));
  } catch (err) {
    // The abort reason is ours; undici may surface it wrapped or as its own abort error.
    return outcome(reasonForError(deadline.signal.aborted ? deadline.signal.reason : err));
  } finally {
    clearTimeout(timer);
  }

  function outcome(error: string | null): SendOutcome {
    return {
      status,
      latencyMs: Math.max(0, Math.round(now() - started)),
      ok: error === null,
      gone: status === 410,
      error,
      responseSnippet: snippet,
      retryAfterMs,
    };
  }
}

/**
 * Reads up to `cap` bytes. Stopping early destroys the body, and with it the socket: a receiver
 * answering with megabytes costs one chunk of memory, not the whole answer.
 */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, cap: number): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    const room = cap - length;
    chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    length += Math.min(chunk.length, room);
    if (length >= cap) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks, length).toString('utf8');
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

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
