import { hideSecret } from '../outbound/hide-secret.js';

const REDACTED = '[redacted]';
/** A shorter tail than this, cut off at the end of a snippet, reveals nothing worth hiding. */
const MIN_PARTIAL = 4;

/**
 * `text` without `secret`: every occurrence — in any encoding (outbound/hide-secret.ts) — and a
 * prefix of it cut off at the end, since a response snippet is truncated at a byte cap.
 *
 * Why: receivers that reflect what they are sent (httpbin-style echo endpoints, debugging
 * proxies, error pages quoting the request) put the Verification-Token into their response
 * body, and the attempt log shows that body to API clients, where the token must never appear
 * again (docs/decisions.md "Wire compatibility": write-only).
 *
 * @example
 * redactSecret('{"verification-token":"s3cret"}', 's3cret'); // '{"verification-token":"[redacted]"}'
 */
export function redactSecret(text: string, secret: string | null): string {
  if (!secret || text.length === 0) return text;
  const out = hideSecret(text, secret, REDACTED);
  for (let n = Math.min(secret.length - 1, out.length); n >= MIN_PARTIAL; n--) {
    if (out.endsWith(secret.slice(0, n))) return out.slice(0, -n) + REDACTED;
  }
  return out;
}
