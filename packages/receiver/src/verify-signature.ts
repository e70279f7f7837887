import { HEADERS } from './protocol/headers.js';
import { sign, timingSafeEqual } from './protocol/signature.js';
import { type HeaderSource, readHeader } from './webhook-request.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** Standard Webhooks' recommended replay window: five minutes either side of now. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** Input of `verifySignature`. */
export interface SignatureCheck {
  headers: HeaderSource;
  /** The raw body bytes, exactly as received. */
  body: Uint8Array;
  /** Accepted `whsec_…` secrets; a signature made with any of them passes (rotation). */
  secrets: readonly string[];
  /** When `false`, a request without any signature header passes unchecked. */
  required: boolean;
  toleranceSeconds: number;
  /** Current time, Unix milliseconds. */
  nowMs: number;
}

/**
 * Verifies a Standard Webhooks signature (https://www.standardwebhooks.com, "Verifying
 * webhooks"): `webhook-signature` holds space-separated `v1,<base64 HMAC-SHA256>` values over
 * `<webhook-id>.<webhook-timestamp>.<body>`; any one matching any secret passes; other versions
 * (e.g. `v1a`) are ignored; the timestamp must be within `toleranceSeconds` of now.
 *
 * @throws WebhookVerificationError `missing_signature`, `invalid_signature` or `stale_timestamp`.
 *
 * @example
 * await verifySignature({
 *   headers: request.headers,
 *   body: rawBodyBytes,
 *   secrets: [process.env.SIGNING_SECRET!],
 *   required: true,
 *   toleranceSeconds: 300,
 *   nowMs: Date.now(),
 * });
 */
export async function verifySignature(check: SignatureCheck): Promise<void> {
  const id = readHeader(check.headers, HEADERS.webhookId);
  const timestamp = readHeader(check.headers, HEADERS.webhookTimestamp);
  const signatures = readHeader(check.headers, HEADERS.webhookSignature);
  if (id === undefined && timestamp === undefined && signatures === undefined && !check.required) return;
  if (!id || !timestamp || !signatures) throw missingSignature();
  const seconds = parseTimestamp(timestamp);
  checkTolerance(seconds, check.toleranceSeconds, check.nowMs);
  const candidates = signatures.split(' ').filter((value) => value.startsWith('v1,'));
  for (const secret of check.secrets) {
    const expected = await sign(secret, id, seconds, check.body);
    if (anyEqual(candidates, expected)) return;
  }
  throw new WebhookVerificationError(
    'invalid_signature',
    'No v1 signature in the webhook-signature header matches the body under any configured signingSecret. ' +
      'Check the secret, and that the raw body reaches the receiver unmodified (no JSON body parser before it).',
  );
}

function missingSignature(): WebhookVerificationError {
  return new WebhookVerificationError(
    'missing_signature',
    'The request lacks a webhook-id, webhook-timestamp or webhook-signature header, but signatures are ' +
      'required. Give the subscription a signing secret, or set requireSignature: false to accept unsigned requests.',
  );
}

function parseTimestamp(value: string): number {
  if (!/^\d{1,15}$/.test(value)) {
    throw new WebhookVerificationError(
      'invalid_signature',
      'The webhook-timestamp header is not a Unix time in whole seconds; the sender does not follow Standard Webhooks.',
    );
  }
  return Number(value);
}

function checkTolerance(seconds: number, toleranceSeconds: number, nowMs: number): void {
  const skew = Math.round(nowMs / 1000 - seconds);
  if (Math.abs(skew) <= toleranceSeconds) return;
  throw new WebhookVerificationError(
    'stale_timestamp',
    `The webhook-timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'in the past' : 'in the future'}, outside the ` +
      `${toleranceSeconds} s tolerance. Either a request was replayed, or the clocks of sender and receiver differ (check NTP).`,
  );
}

/** Compares against every candidate, without stopping early. */
function anyEqual(candidates: readonly string[], expected: string): boolean {
  let matched = false;
  for (const candidate of candidates) matched = timingSafeEqual(candidate, expected) || matched;
  return matched;
}
