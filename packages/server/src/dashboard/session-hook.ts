import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { ApiError } from '../errors.js';
import type { Principal } from '../model.js';
import { csrfMatches, type DashboardSession, type DashboardSessions } from './dashboard-sessions.js';
import { readSessionCookie } from './session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The dashboard session the cookie names, when it is live; null otherwise. */
    dashboardSession: DashboardSession | null;
  }
}

/**
 * An `onRequest` hook that lets the browser call the API with its session cookie instead of a
 * bearer header. It runs before the routes' own `allow` hook and leaves the principal on the
 * request, so roles, tenancy and rate limits are exactly the token's. A request with an
 * `Authorization` header is the header's alone: the cookie is ignored.
 *
 * CSRF: every unsafe method carried by the cookie must send the session's `X-CSRF-Token`
 * (SameSite=Strict already keeps other sites' requests cookie-less; this holds even where a
 * browser or a same-site sibling does not), else 403 SWB-120.
 */
export function sessionHook(ctx: AppContext, sessions: DashboardSessions) {
  return async (request: FastifyRequest): Promise<void> => {
    request.dashboardSession = null;
    if (request.headers.authorization !== undefined) return;
    const sessionId = readSessionCookie(request);
    if (sessionId === undefined) return;
    const session = sessions.find(sessionId, ctx.clock.now());
    if (!session) return;
    const principal = await livePrincipal(ctx, session);
    if (!principal) {
      sessions.end(sessionId);
      return;
    }
    if (!SAFE_METHODS.has(request.method) && !csrfMatches(session, request.headers['x-csrf-token'])) {
      throw new ApiError('SWB-120', {});
    }
    request.dashboardSession = session;
    request.principal = principal;
  };
}

/** The session's token as it is now: a revoked token signs its sessions out at once. */
async function livePrincipal(ctx: AppContext, session: DashboardSession): Promise<Principal | null> {
  const token = await ctx.store.findTokenByHash(session.tokenHash);
  if (!token || token.revokedAt !== null) return null;
  return { tokenId: token.id, role: token.role, accountId: token.accountId, extensionId: token.extensionId };
}
