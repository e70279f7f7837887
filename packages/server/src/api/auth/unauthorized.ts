import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../errors.js';

/** Why a request is not authenticated. */
export type UnauthorizedReason = 'missing' | 'invalid' | 'expired';

const DETAIL: Record<UnauthorizedReason, string> = {
  missing: 'send "Authorization: Bearer <access token>"',
  invalid: 'the access token is unknown or was revoked: log in again',
  expired: 'the access token has expired: refresh it',
};

/**
 * The 401 for a request, in the namespace's codes (PRODUCT-DECISIONS "Error codes by namespace"):
 * on RingCentral's paths (`/restapi/…`, `/webinar/…`) RingCentral's OAU-213, which the SDKs answer
 * by refreshing and retrying; on Switchboard's own `/v1/…` SWB-101/102. Both carry
 * `WWW-Authenticate` (RFC 6750 §3).
 */
export function unauthorized(request: FastifyRequest, reason: UnauthorizedReason): ApiError {
  const challenge = reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"';
  const headers = { 'WWW-Authenticate': challenge };
  if (/^\/(restapi|webinar)\//.test(request.url)) {
    return new ApiError('OAU-213', {}, { detail: DETAIL[reason], headers });
  }
  return new ApiError(reason === 'missing' ? 'SWB-101' : 'SWB-102', {}, { headers });
}
