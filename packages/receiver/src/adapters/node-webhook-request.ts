import type { IncomingMessage } from 'node:http';
import type { WebhookRequest } from '../webhook-request.js';
import { keptRawBody } from './kept-raw-body.js';
import { readStreamBody } from './read-stream-body.js';

/**
 * A Node request, possibly after middleware: body parsers set `body` (a Buffer from
 * `express.raw()`, a string from `express.text()`, an object from `express.json()`), and some
 * raw-body middlewares set `rawBody`.
 */
export type NodeRequest = IncomingMessage & { body?: unknown; rawBody?: unknown };

/**
 * Builds `receive()`'s input from a Node request: the bytes kept by a middleware if there are
 * some, else the stream itself (read up to the limit), else a parsed body. Never re-serialises.
 */
export async function nodeWebhookRequest(
  request: NodeRequest,
  maxBodyBytes: number,
): Promise<WebhookRequest> {
  const headers = request.headers;
  const kept = keptRawBody(request.rawBody) ?? keptRawBody(request.body);
  if (kept !== undefined) return { headers, rawBody: kept };
  if (!request.readableEnded) {
    // receive() refuses an oversized declared length without needing the body.
    if (Number(headers['content-length']) > maxBodyBytes) return { headers };
    return { headers, rawBody: await readStreamBody(request, maxBodyBytes) };
  }
  if (request.body !== undefined) return { headers, parsedBody: request.body };
  return { headers, rawBodyUnavailable: true };
}
