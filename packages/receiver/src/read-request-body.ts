import { isJsonObject } from './normalise-body.js';
import type { ResolvedReceiveOptions } from './receive-options.js';
import { readHeader, type WebhookRequest } from './webhook-request.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** A request's body as `receive()` sees it. */
export type RequestBody =
  | { kind: 'empty'; bytes: Uint8Array }
  | { kind: 'raw'; bytes: Uint8Array }
  | { kind: 'parsed'; value: unknown };

const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();

/**
 * Classifies the body and enforces `maxBodyBytes`, first on the declared `Content-Length` (so an
 * adapter need not read an oversized body at all), then on the bytes given.
 *
 * @throws WebhookVerificationError `body_too_large` or `raw_body_unavailable`.
 */
export function readRequestBody(request: WebhookRequest, options: ResolvedReceiveOptions): RequestBody {
  const declaredLength = Number(readHeader(request.headers, 'content-length') ?? 0);
  if (declaredLength > options.maxBodyBytes) throw bodyTooLarge(options.maxBodyBytes);
  if (request.rawBody !== undefined) return rawBody(request.rawBody, options.maxBodyBytes);
  // express.json() turns an empty body (the handshake's) into {}; no notification is {}.
  if (request.parsedBody === undefined || isEmptyObject(request.parsedBody)) {
    if (request.rawBodyUnavailable) throw rawBodyUnavailable(BODY_CONSUMED);
    return { kind: 'empty', bytes: EMPTY };
  }
  if (options.signingSecrets.length > 0) throw rawBodyUnavailable(BODY_PARSED);
  return { kind: 'parsed', value: request.parsedBody };
}

function rawBody(body: Uint8Array | string, maxBodyBytes: number): RequestBody {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  if (bytes.length > maxBodyBytes) throw bodyTooLarge(maxBodyBytes);
  return bytes.length === 0 ? { kind: 'empty', bytes: EMPTY } : { kind: 'raw', bytes };
}

function isEmptyObject(value: unknown): boolean {
  return isJsonObject(value) && Object.keys(value).length === 0;
}

function bodyTooLarge(maxBodyBytes: number): WebhookVerificationError {
  return new WebhookVerificationError(
    'body_too_large',
    `The request body is larger than maxBodyBytes (${maxBodyBytes}). Raise maxBodyBytes if such bodies are expected.`,
  );
}

const BODY_CONSUMED =
  'The request body was read by other code before the receiver saw it, so there is nothing to verify or parse. ' +
  'Mount the webhook route before body parsers, or pass the bytes as rawBody.';
const BODY_PARSED =
  'A body parser (e.g. express.json()) replaced the raw request body with a parsed object, but signatures are ' +
  "computed over the exact bytes. Mount the webhook route before the JSON parser, or use express.raw({ type: '*/*' }) on it.";

function rawBodyUnavailable(message: string): WebhookVerificationError {
  return new WebhookVerificationError('raw_body_unavailable', message);
}
