/**
 * Token lifetimes as RingCentral serves them (API reference, `POST /restapi/oauth/token`):
 * access tokens live an hour, refresh tokens a week; `access_token_ttl` and `refresh_token_ttl`
 * ask for other values inside RingCentral's bounds, and values outside are brought to the nearest
 * bound rather than refused, so an SDK that sends back the `expires_in` it was given keeps working.
 */
export const ACCESS_TOKEN_TTL = { min: 600, default: 3600, max: 3600 } as const;
export const REFRESH_TOKEN_TTL = { min: 3600, default: 604_800, max: 604_800 } as const;
/** Authorization codes are single-use and short-lived (RFC 6749 §4.1.2 recommends 10 minutes at most). */
export const AUTHORIZATION_CODE_TTL_SECONDS = 60;

/**
 * The lifetime in seconds for a requested TTL (a form field, so a string or absent).
 *
 * @example
 * tokenTtl('7200', ACCESS_TOKEN_TTL); // 3600
 */
export function tokenTtl(
  requested: string | undefined,
  bounds: { min: number; default: number; max: number },
): number {
  const asked = requested === undefined ? Number.NaN : Number.parseInt(requested, 10);
  if (!Number.isFinite(asked) || asked <= 0) return bounds.default;
  return Math.min(bounds.max, Math.max(bounds.min, asked));
}
