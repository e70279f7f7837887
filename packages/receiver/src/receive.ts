import { normaliseNotification } from './normalise-notification.js';
import { parseNotification } from './parse-notification.js';
import type { Notification } from './protocol/envelope.js';
import { HEADERS } from './protocol/headers.js';
import { type RequestBody, readRequestBody } from './read-request-body.js';
import {
  type ReceiveOptions,
  type ResolvedReceiveOptions,
  resolveReceiveOptions,
} from './receive-options.js';
import { verifySignature } from './verify-signature.js';
import { verifyVerificationToken } from './verify-verification-token.js';
import { readHeader, type WebhookRequest } from './webhook-request.js';
import {
  acknowledgedResponse,
  errorResponse,
  handshakeResponse,
  type WebhookResponse,
} from './webhook-response.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** What `receive()` made of a request; `response` is what to answer, whatever the kind. */
export type ReceiveResult = HandshakeResult | NotificationResult | ErrorResult;

/** The subscription handshake (ringcentral-protocol.md §4); answered, nothing else to do. */
export interface HandshakeResult {
  kind: 'handshake';
  response: WebhookResponse;
}

/** A verified, parsed notification. */
export interface NotificationResult {
  kind: 'notification';
  notification: Notification;
  /** Seen before (same `uuid`): already processed or being processed; answer and skip it. */
  duplicate: boolean;
  response: WebhookResponse;
  /**
   * Removes this notification's uuid from the dedupe store. Call it when processing failed and
   * you answer with an error instead of `response`, so the sender's retry is processed again.
   * Does nothing for a duplicate (the uuid belongs to the first delivery).
   */
  forget(): Promise<void>;
}

/** A refused request: answer `response` (its status is `error.status`). */
export interface ErrorResult {
  kind: 'error';
  error: WebhookVerificationError;
  response: WebhookResponse;
}

/**
 * Verifies and parses one webhook request, framework-neutrally. In order: body size, the
 * `Verification-Token`, the Standard Webhooks signature, then either the handshake (a
 * `Validation-Token` header and an empty body, §4) or the notification envelope, then dedupe.
 * Never throws for a bad request: it returns `{ kind: 'error' }` with the response to send.
 *
 * **A `Validation-Token` on a request with a body is not a handshake**: the notification is
 * processed and the token is not echoed. Some receivers written from RingCentral's 2023 docs
 * echo and drop such requests, losing the event (§5.2).
 *
 * Options are resolved once per options object (the default dedupe memory lives with it):
 * create the object once, not per request.
 *
 * @throws TypeError when `options` are invalid; a `DedupeStore`'s own errors.
 *
 * @example
 * const options = { verificationToken: process.env.VERIFICATION_TOKEN };
 * const result = await receive({ headers: request.headers, rawBody: bodyBytes }, options);
 * if (result.kind === 'notification' && !result.duplicate) await handle(result.notification);
 * reply(result.response.status, result.response.headers, result.response.body);
 */
export async function receive(request: WebhookRequest, options: ReceiveOptions = {}): Promise<ReceiveResult> {
  const resolved = resolveReceiveOptions(options);
  try {
    return await receiveVerified(request, resolved);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    return { kind: 'error', error, response: errorResponse(error) };
  }
}

async function receiveVerified(
  request: WebhookRequest,
  options: ResolvedReceiveOptions,
): Promise<ReceiveResult> {
  const body = readRequestBody(request, options);
  await verifyAuthenticity(request, body, options);
  const validationToken = readHeader(request.headers, HEADERS.validationToken);
  if (body.kind === 'empty' && validationToken) {
    return { kind: 'handshake', response: handshakeResponse(validationToken) };
  }
  return dedupe(parseBody(body), options);
}

async function verifyAuthenticity(
  request: WebhookRequest,
  body: RequestBody,
  options: ResolvedReceiveOptions,
): Promise<void> {
  if (options.verificationTokens.length > 0) {
    verifyVerificationToken(
      readHeader(request.headers, HEADERS.verificationToken),
      options.verificationTokens,
    );
  }
  if (options.signingSecrets.length > 0 && body.kind !== 'parsed') {
    await verifySignature({
      headers: request.headers,
      body: body.bytes,
      secrets: options.signingSecrets,
      required: options.requireSignature,
      toleranceSeconds: options.signatureToleranceSeconds,
      nowMs: options.now(),
    });
  }
}

function parseBody(body: RequestBody): Notification {
  if (body.kind === 'raw') return parseNotification(body.bytes);
  if (body.kind === 'parsed') return normaliseNotification(structuredClone(body.value));
  throw new WebhookVerificationError(
    'missing_body',
    'The request has no body and no Validation-Token header, so it is neither a notification nor a handshake. ' +
      'Check that the sender POSTs the notification JSON to this URL.',
  );
}

async function dedupe(
  notification: Notification,
  options: ResolvedReceiveOptions,
): Promise<NotificationResult> {
  const store = options.dedupe;
  const duplicate = store ? await store.checkAndRemember(notification.uuid) : false;
  const forget = async (): Promise<void> => {
    if (store && !duplicate) await store.forget(notification.uuid);
  };
  return { kind: 'notification', notification, duplicate, response: acknowledgedResponse(), forget };
}
