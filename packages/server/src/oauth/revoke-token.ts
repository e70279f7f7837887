import type { AppContext } from '../context.js';
import { hashToken } from '../tokens/hash-token.js';

/**
 * `POST /restapi/oauth/revoke` (RFC 7009): the access or refresh token ends its whole session.
 * An unknown token, or one of another app, changes nothing and is still answered 200 (RFC 7009
 * §2.2), so the endpoint tells nobody which tokens exist.
 */
export async function revokeToken(
  deps: Pick<AppContext, 'store' | 'clock'>,
  clientId: string,
  token: string,
): Promise<void> {
  const hash = hashToken(token);
  const session =
    (await deps.store.findSessionByAccessHash(hash)) ?? (await deps.store.findSessionByRefreshHash(hash));
  if (session && session.clientId === clientId)
    await deps.store.revokeOAuthSession(session.id, deps.clock.now());
}
