import type {
  AuthorizationCode,
  JwtCredential,
  OAuthApp,
  OAuthSession,
  SessionTokens,
} from '../oauth/oauth-model.js';

/**
 * The OAuth part of the Store (issue 13), in domain verbs. Both backends implement it in
 * `oauth.ts` and pass the OAuth cases of the contract suite (test/store/oauth-contract.ts).
 */
export interface OAuthStore {
  createOAuthApp(app: OAuthApp): Promise<void>;
  findOAuthApp(clientId: string): Promise<OAuthApp | null>;
  listOAuthApps(): Promise<OAuthApp[]>;
  /** Deletes the app and ends its sessions and codes. True when it existed. */
  deleteOAuthApp(clientId: string): Promise<boolean>;

  createJwtCredential(credential: JwtCredential): Promise<void>;
  getJwtCredential(id: string): Promise<JwtCredential | null>;

  createOAuthSession(session: OAuthSession): Promise<void>;
  /** The live (not revoked) session whose current access token has this hash. */
  findSessionByAccessHash(hash: string): Promise<OAuthSession | null>;
  /** The live session whose current refresh token has this hash. */
  findSessionByRefreshHash(hash: string): Promise<OAuthSession | null>;
  /**
   * Replaces a live session's token pair, only if its refresh token is still `expectedRefreshHash`:
   * of two refreshes racing with one refresh token, one wins. Null when it was not replaced.
   */
  rotateSessionTokens(
    id: string,
    expectedRefreshHash: string,
    tokens: SessionTokens,
  ): Promise<OAuthSession | null>;
  /** True when a live session was revoked. */
  revokeOAuthSession(id: string, at: number): Promise<boolean>;

  createAuthorizationCode(code: AuthorizationCode): Promise<void>;
  /** Removes and returns the code if it exists and has not expired at `now`: a code works once. */
  consumeAuthorizationCode(hash: string, now: number): Promise<AuthorizationCode | null>;

  /**
   * The key credentials are signed with: the stored one, or `candidate` stored now when there is
   * none yet (every node agrees on the first one written).
   */
  signingKey(candidate: string, now: number): Promise<string>;
}
