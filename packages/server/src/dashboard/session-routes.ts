import { Type } from 'typebox';
import type { ApiInstance } from '../api/api-instance.js';
import type { AppContext } from '../context.js';
import { ApiError } from '../errors.js';
import { hashToken } from '../tokens/hash-token.js';
import { type DashboardSessions, IDLE_MS } from './dashboard-sessions.js';
import { HIDDEN } from './hidden-from-reference.js';
import { readSessionCookie, sessionCookie } from './session-cookie.js';

const SignIn = Type.Object({ token: Type.String({ minLength: 1, maxLength: 512 }) });
const SessionView = Type.Object({
  role: Type.String(),
  accountId: Type.String(),
  extensionId: Type.String(),
  csrfToken: Type.String(),
});
const CurrentSession = Type.Object({ session: Type.Union([SessionView, Type.Null()]) });

/**
 * Sign-in and sign-out (docs/decisions.md "Dashboard"). Signing in trades a token for a session
 * cookie: the token is checked once, never stored, never answered and never put in a URL.
 * `GET /dashboard/session` tells the page who it is and its CSRF token.
 */
export function sessionRoutes(app: ApiInstance, ctx: AppContext, sessions: DashboardSessions): void {
  app.post(
    '/dashboard/session',
    { schema: { ...HIDDEN, body: SignIn, response: { 200: SessionView } } },
    async (request, reply) => {
      refuseOtherOrigins(request.headers.origin, request.headers.host);
      const tokenHash = hashToken(request.body.token);
      const token = await ctx.store.findTokenByHash(tokenHash);
      if (!token || token.revokedAt !== null) throw new ApiError('SWB-102', {});
      const { sessionId, session } = sessions.create(tokenHash, ctx.clock.now());
      void reply.header('Set-Cookie', sessionCookie(sessionId, IDLE_MS / 1000, request, ctx.config));
      return {
        role: token.role,
        accountId: token.accountId,
        extensionId: token.extensionId,
        csrfToken: session.csrfToken,
      };
    },
  );

  // Signed out is an ordinary answer here (not a 401), so the sign-in page loads without an error.
  app.get(
    '/dashboard/session',
    { schema: { ...HIDDEN, response: { 200: CurrentSession } } },
    async (request) => {
      const { principal, dashboardSession } = request;
      if (!principal || !dashboardSession) return { session: null };
      return { session: { ...principal, csrfToken: dashboardSession.csrfToken } };
    },
  );

  app.delete('/dashboard/session', { schema: HIDDEN }, async (request, reply) => {
    const sessionId = readSessionCookie(request);
    if (sessionId !== undefined && request.dashboardSession) sessions.end(sessionId);
    void reply.header('Set-Cookie', sessionCookie('', 0, request, ctx.config));
    return reply.status(204).send();
  });
}

/**
 * A sign-in posted by another site's page would sign the victim into the attacker's account
 * ("login CSRF"): browsers name the page's origin, and it must be this server's.
 */
function refuseOtherOrigins(origin: string | undefined, host: string | undefined): void {
  if (origin === undefined) return;
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (originHost !== host) throw new ApiError('SWB-120', {});
}
