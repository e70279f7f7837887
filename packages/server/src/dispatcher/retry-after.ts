const DELTA_SECONDS = /^\d+$/;

/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. Returns the
 * wait in milliseconds from `nowMs` (0 for a date in the past), or null when absent or invalid.
 * Clamping to the allowed range is the retry schedule's job (docs/decisions.md "Delivery").
 *
 * @example
 * parseRetryAfter('120', Date.now()); // 120_000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.now());
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (DELTA_SECONDS.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP-date form names a weekday or month; requiring a letter keeps Date.parse from
  // reading inputs such as "-5" or "1.5" as years.
  if (!/[a-z]/i.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}
