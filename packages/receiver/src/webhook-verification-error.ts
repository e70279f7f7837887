/**
 * Why a request was refused, as a stable code. Each code has one HTTP status
 * (`WEBHOOK_ERROR_STATUS`), which is what the adapter answers with.
 */
export type WebhookErrorCode =
  | 'missing_body'
  | 'invalid_json'
  | 'invalid_envelope'
  | 'missing_verification_token'
  | 'invalid_verification_token'
  | 'missing_signature'
  | 'invalid_signature'
  | 'stale_timestamp'
  | 'body_too_large'
  | 'raw_body_unavailable';

/**
 * The HTTP status answered for each code. 4xx: the request is wrong and resending it unchanged
 * will not help. 500 for `raw_body_unavailable`: the receiver is misconfigured, so a sender that
 * retries (Switchboard does) delivers the event once the receiver is fixed.
 */
export const WEBHOOK_ERROR_STATUS: Readonly<Record<WebhookErrorCode, number>> = Object.freeze({
  missing_body: 400,
  invalid_json: 400,
  invalid_envelope: 400,
  missing_verification_token: 401,
  invalid_verification_token: 401,
  missing_signature: 401,
  invalid_signature: 401,
  stale_timestamp: 401,
  body_too_large: 413,
  raw_body_unavailable: 500,
});

/**
 * The one error the receiver reports for a refused request. `code` says what failed, `status` is
 * the HTTP status the adapter answered with, `message` says what to do about it.
 *
 * **Messages never contain a token, a secret or a signature**: they may be logged anywhere.
 *
 * @example
 * const result = await receive(request, { verificationToken: process.env.VERIFICATION_TOKEN });
 * if (result.kind === 'error') {
 *   console.warn(result.error.code, result.error.message); // e.g. 'invalid_verification_token'
 * }
 */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  readonly code: WebhookErrorCode;
  readonly status: number;

  constructor(code: WebhookErrorCode, message: string) {
    super(message);
    this.code = code;
    this.status = WEBHOOK_ERROR_STATUS[code];
  }
}
