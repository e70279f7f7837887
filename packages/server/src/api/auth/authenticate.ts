import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { Principal } from '../../model.js';
import { resolveAccessToken } from '../../oauth/resolve-access-token.js';
import { hashToken } from '../../tokens/hash-token.js';
import { unauthorized } from './unauthorized.js';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Resolves `Authorization: Bearer <token>` to a principal: an API token, else an OAuth access
 * token (oauth/resolve-access-token.ts). 401s carry `WWW-Authenticate` as RFC 6750 §3 asks, in
 * the path's namespace of codes (unauthorized.ts).
 */
export async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<Principal> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  const bearer = match?.[1];
  if (bearer === undefined) throw unauthorized(request, 'missing');
  const hash = hashToken(bearer);
  const token = await ctx.store.findTokenByHash(hash);
  if (!token || token.revokedAt !== null) {
    const access = await resolveAccessToken(ctx, hash);
    if (access.state === 'valid') return access.principal;
    throw unauthorized(request, access.state === 'expired' ? 'expired' : 'invalid');
  }
  return { tokenId: token.id, role: token.role, accountId: token.accountId, extensionId: token.extensionId };
}
