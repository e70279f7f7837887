import type { Role } from '../model.js';

/**
 * The OAuth records of issue 13: apps that log in, the JWT credentials that log them in, and the
 * sessions an access and a refresh token belong to. Times are epoch milliseconds.
 */

/** The grants RingCentral's token endpoint serves and Switchboard implements. */
export type GrantType =
  | 'urn:ietf:params:oauth:grant-type:jwt-bearer'
  | 'refresh_token'
  | 'password'
  | 'authorization_code';

export const GRANT_TYPES: readonly GrantType[] = [
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'refresh_token',
  'password',
  'authorization_code',
];

/** A registered client application (RingCentral's "app" with its client id and secret). */
export interface OAuthApp {
  clientId: string;
  name: string;
  /** SHA-256 of the client secret, hex; the secret itself is shown once, at creation. */
  secretHash: string;
  grants: GrantType[];
  /** Where the authorization-code flow may send the browser back; exact matches only. */
  redirectUris: string[];
  /** Space-separated permissions answered as `scope` (RingCentral's app permissions). */
  scope: string;
  createdAt: number;
}

/**
 * A JWT credential: Switchboard signs a JWT whose `jti` is this id; the JWT bearer grant accepts
 * it while this row is not revoked. `clientId` null means any app may use it (as RingCentral's
 * "all apps" credentials).
 */
export interface JwtCredential {
  id: string;
  clientId: string | null;
  accountId: string;
  extensionId: string;
  /** The role its access tokens carry (the extension's role). */
  role: Role;
  createdAt: number;
  revokedAt: number | null;
}

/** One login: the current access and refresh token of one app for one extension. */
export interface OAuthSession {
  id: string;
  clientId: string;
  accountId: string;
  extensionId: string;
  role: Role;
  endpointId: string;
  scope: string;
  accessHash: string;
  accessExpiresAt: number;
  refreshHash: string;
  refreshExpiresAt: number;
  createdAt: number;
  revokedAt: number | null;
}

/** The new token pair of a session after a refresh (the old pair stops working). */
export type SessionTokens = Pick<
  OAuthSession,
  'accessHash' | 'accessExpiresAt' | 'refreshHash' | 'refreshExpiresAt'
>;

/** A one-time authorization code of the authorization-code flow, stored by its hash. */
export interface AuthorizationCode {
  hash: string;
  clientId: string;
  accountId: string;
  extensionId: string;
  role: Role;
  redirectUri: string;
  /** PKCE S256 challenge (RFC 7636), or null when the app sent none. */
  codeChallenge: string | null;
  expiresAt: number;
}
