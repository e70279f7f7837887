import type { AppContext } from '../context.js';
import type { Principal } from '../model.js';

/** What an OAuth access token is worth right now. */
export type AccessTokenCheck =
  | { state: 'valid'; principal: Principal }
  | { state: 'expired' }
  | { state: 'unknown' };

/**
 * Resolves the hash of a bearer string that is not an API token: a live session's current access
 * token is valid until its expiry on the injected clock (so the SDKs' refresh-on-401 is testable);
 * the principal carries the session's extension and role, so tenancy rules stay those of tokens.
 */
export async function resolveAccessToken(
  ctx: Pick<AppContext, 'store' | 'clock'>,
  hash: string,
): Promise<AccessTokenCheck> {
  const session = await ctx.store.findSessionByAccessHash(hash);
  if (!session) return { state: 'unknown' };
  if (session.accessExpiresAt <= ctx.clock.now()) return { state: 'expired' };
  return {
    state: 'valid',
    principal: {
      tokenId: session.id,
      role: session.role,
      accountId: session.accountId,
      extensionId: session.extensionId,
    },
  };
}
