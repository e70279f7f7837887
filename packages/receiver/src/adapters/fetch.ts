import {
  createWebhookHandler,
  type HandleContext,
  type WebhookHandlerOptions,
} from '../create-webhook-handler.js';
import { DEFAULT_MAX_BODY_BYTES } from '../receive-options.js';
import { readHeader, type WebhookRequest } from '../webhook-request.js';
import { processingFailedResponse, type WebhookResponse } from '../webhook-response.js';

/**
 * A fetch-API handler: `Request` in, `Response` out. The optional context's `waitUntil` keeps
 * ack-first processing alive after the response on runtimes that stop otherwise (Cloudflare
 * Workers' `ctx`, Vercel's `waitUntil`).
 */
export type FetchWebhookHandler = (request: Request, context?: HandleContext) => Promise<Response>;

/**
 * A handler for runtimes and frameworks built on the fetch API: Hono, Next.js route handlers,
 * Cloudflare Workers, Deno, Bun. Pass it the untouched `Request`: if its body was already read
 * (e.g. `await c.req.json()` first), it answers `raw_body_unavailable`.
 *
 * @example
 * import { createFetchHandler } from '@switchboard/receiver/fetch';
 *
 * const handle = createFetchHandler({ onNotification: (n) => console.log(n.event) });
 * export default { fetch: (request: Request, env: unknown, ctx: ExecutionContext) => handle(request, ctx) };
 * // Next.js (app/webhook/route.ts): export const POST = (request: Request) => handle(request);
 * // Hono: app.post('/webhook', (c) => handle(c.req.raw, c.executionCtx));
 */
export function createFetchHandler(options: WebhookHandlerOptions): FetchWebhookHandler {
  const handle = createWebhookHandler(options);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (request, context) => {
    try {
      return toResponse(await handle(await fetchWebhookRequest(request, maxBodyBytes), context));
    } catch {
      // A failed body read or a dedupe store error: 500, so a sender that retries tries again.
      return toResponse(processingFailedResponse());
    }
  };
}

async function fetchWebhookRequest(request: Request, maxBodyBytes: number): Promise<WebhookRequest> {
  const headers = request.headers;
  if (request.bodyUsed) return { headers, rawBodyUnavailable: true };
  // receive() refuses an oversized declared length without needing the body.
  if (Number(readHeader(headers, 'content-length')) > maxBodyBytes) return { headers };
  return { headers, rawBody: await readBody(request, maxBodyBytes) };
}

/** Stops reading once past `maxBytes`: enough to detect an oversized body, without buffering it. */
async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length <= maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  if (length > maxBytes) await reader.cancel();
  return concat(chunks, length);
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function toResponse(response: WebhookResponse): Response {
  // null, not '': a string body would make the runtime add `Content-Type: text/plain`.
  return new Response(response.body === '' ? null : response.body, {
    status: response.status,
    headers: response.headers,
  });
}
