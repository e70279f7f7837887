import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import type { Principal } from '../../model.js';
import { hashToken } from './hash-token.js';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Resolves `Authorization: Bearer <token>` to a principal. 401s carry `WWW-Authenticate` as
 * RFC 6750 §3 asks, so generic HTTP clients know what to send.
 */
export async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<Principal> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  const bearer = match?.[1];
  // No header: the dashboard's session cookie may have named the caller (dashboard/session-hook.ts).
  if (bearer === undefined && header === undefined && request.principal) return request.principal;
  if (bearer === undefined) {
    throw new ApiError('SWB-101', {}, { headers: { 'WWW-Authenticate': 'Bearer' } });
  }
  const token = await ctx.store.findTokenByHash(hashToken(bearer));
  if (!token || token.revokedAt !== null) {
    throw new ApiError('SWB-102', {}, { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
  }
  return { tokenId: token.id, role: token.role, accountId: token.accountId, extensionId: token.extensionId };
}
