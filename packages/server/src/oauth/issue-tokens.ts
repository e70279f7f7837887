import type { AppContext } from '../context.js';
import type { Role } from '../model.js';
import { hashToken } from '../tokens/hash-token.js';
import { TOKEN_PREFIX } from '../tokens/token-prefix.js';
import { OAuthError } from './oauth-error.js';
import type { OAuthApp, OAuthSession, SessionTokens } from './oauth-model.js';
import type { TokenForm } from './token-form.js';
import { type TokenInfo, tokenInfo } from './token-info.js';
import { ACCESS_TOKEN_TTL, REFRESH_TOKEN_TTL, tokenTtl } from './token-lifetimes.js';

/** 256 bits per bearer string, as API tokens: the store keeps only a fast hash. */
const TOKEN_BYTES = 32;

/** Whose tokens a grant issues: one extension of one account, with that extension's role. */
export interface TokenOwner {
  accountId: string;
  extensionId: string;
  role: Role;
}

type Deps = Pick<AppContext, 'store' | 'clock' | 'random'>;

/** A new token pair with the lifetimes the form asks for (within RingCentral's bounds). */
function newTokens(deps: Deps, form: TokenForm, now: number) {
  const accessToken = TOKEN_PREFIX + deps.random.token(TOKEN_BYTES);
  const refreshToken = TOKEN_PREFIX + deps.random.token(TOKEN_BYTES);
  const tokens: SessionTokens = {
    accessHash: hashToken(accessToken),
    accessExpiresAt: now + tokenTtl(form.access_token_ttl, ACCESS_TOKEN_TTL) * 1000,
    refreshHash: hashToken(refreshToken),
    refreshExpiresAt: now + tokenTtl(form.refresh_token_ttl, REFRESH_TOKEN_TTL) * 1000,
  };
  return { bearers: { accessToken, refreshToken }, tokens };
}

/** Starts a session (a login) of `app` for `owner` and answers its first token pair. */
export async function startSession(
  deps: Deps,
  app: OAuthApp,
  owner: TokenOwner,
  form: TokenForm,
): Promise<TokenInfo> {
  const now = deps.clock.now();
  const { bearers, tokens } = newTokens(deps, form, now);
  const session: OAuthSession = {
    id: deps.random.uuid(),
    clientId: app.clientId,
    ...owner,
    endpointId: form.endpoint_id || deps.random.token(16),
    scope: app.scope,
    ...tokens,
    createdAt: now,
    revokedAt: null,
  };
  await deps.store.createOAuthSession(session);
  return tokenInfo(session, bearers, now);
}

/**
 * The refresh_token grant: a live, unexpired refresh token of this app gets a new pair and the old
 * pair stops working at once (rotation). Unknown, expired, revoked, already used, or another
 * app's refresh token: 400 invalid_grant OAU-211.
 */
export async function refreshSession(deps: Deps, app: OAuthApp, form: TokenForm): Promise<TokenInfo> {
  const refreshToken = form.refresh_token;
  if (!refreshToken) throw missing('refresh_token');
  const now = deps.clock.now();
  const session = await deps.store.findSessionByRefreshHash(hashToken(refreshToken));
  if (!session || session.clientId !== app.clientId)
    throw invalidToken('the refresh token is unknown or was revoked');
  if (session.refreshExpiresAt <= now) throw invalidToken('the refresh token has expired: log in again');
  const { bearers, tokens } = newTokens(deps, form, now);
  const rotated = await deps.store.rotateSessionTokens(session.id, session.refreshHash, tokens);
  if (!rotated) throw invalidToken('the refresh token was already used');
  return tokenInfo(rotated, bearers, now);
}

/** A required form field is missing: 400 invalid_request OAU-101 naming it. */
export function missing(parameter: string): OAuthError {
  return new OAuthError('invalid_request', 'OAU-101', { parameter }, 'it is required for this grant type', {
    parameterName: parameter,
  });
}

function invalidToken(detail: string): OAuthError {
  return new OAuthError('invalid_grant', 'OAU-211', {}, detail);
}
