import type { WebhookVerificationError } from './webhook-verification-error.js';

/**
 * The response an adapter writes, exactly: no adapter adds headers of its own. Kept tiny because
 * RingCentral refuses a handshake or notification response over 1024 bytes, headers included
 * (ringcentral-protocol.md §4.3, §5.5).
 */
export interface WebhookResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  /** Empty for every success; a one-line JSON error code otherwise. */
  body: string;
}

/**
 * The handshake answer (§4.3): 200, the exact token echoed, `Content-Type: application/json`
 * (RingCentral's troubleshooting note: some senders reject a response without it), empty body.
 */
export function handshakeResponse(validationToken: string): WebhookResponse {
  return {
    status: 200,
    headers: { 'Validation-Token': validationToken, 'Content-Type': 'application/json' },
    body: '',
  };
}

/** 200 with nothing else: RingCentral ignores the body of a notification response (§5.5). */
export function acknowledgedResponse(): WebhookResponse {
  return { status: 200, headers: {}, body: '' };
}

/**
 * The error answer carries only the code, never the message: the caller may be anyone, and the
 * code is enough for a sender's delivery log to show what went wrong.
 */
export function errorResponse(error: WebhookVerificationError): WebhookResponse {
  return jsonErrorResponse(error.status, error.code);
}

/** 500 for a notification whose processing failed, so a sender that retries sends it again. */
export function processingFailedResponse(): WebhookResponse {
  return jsonErrorResponse(500, 'processing_failed');
}

function jsonErrorResponse(status: number, code: string): WebhookResponse {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ error: code }) };
}
