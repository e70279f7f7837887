import type { OAuthSession } from './oauth-model.js';

/** RingCentral's `TokenInfo` (OpenAPI), what `POST /restapi/oauth/token` answers. */
export interface TokenInfo {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  scope: string;
  /** The extension id: apps read it as "who logged in". */
  owner_id: string;
  endpoint_id: string;
  session_id: string;
}

/** The answer for a session and the bearer strings just made for it (never stored in clear). */
export function tokenInfo(
  session: OAuthSession,
  bearers: { accessToken: string; refreshToken: string },
  now: number,
): TokenInfo {
  return {
    access_token: bearers.accessToken,
    token_type: 'bearer',
    expires_in: Math.round((session.accessExpiresAt - now) / 1000),
    refresh_token: bearers.refreshToken,
    refresh_token_expires_in: Math.round((session.refreshExpiresAt - now) / 1000),
    scope: session.scope,
    owner_id: session.extensionId,
    endpoint_id: session.endpointId,
    session_id: session.id,
  };
}
