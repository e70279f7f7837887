import { createHash } from 'node:crypto';
import type { AppContext } from '../context.js';
import { hashToken } from '../tokens/hash-token.js';
import { missing, type TokenOwner } from './issue-tokens.js';
import { OAuthError } from './oauth-error.js';
import type { OAuthApp } from './oauth-model.js';
import type { TokenForm } from './token-form.js';
import { AUTHORIZATION_CODE_TTL_SECONDS } from './token-lifetimes.js';

type Deps = Pick<AppContext, 'store' | 'clock' | 'random'>;

/** What the consent page grants: a code for this app, owner and redirect URI (and PKCE challenge). */
export interface CodeRequest {
  app: OAuthApp;
  owner: TokenOwner;
  redirectUri: string;
  codeChallenge: string | null;
}

/** Issues a one-time authorization code; only its hash is stored. */
export async function issueAuthorizationCode(deps: Deps, request: CodeRequest): Promise<string> {
  const code = deps.random.token(32);
  await deps.store.createAuthorizationCode({
    hash: hashToken(code),
    clientId: request.app.clientId,
    ...request.owner,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    expiresAt: deps.clock.now() + AUTHORIZATION_CODE_TTL_SECONDS * 1000,
  });
  return code;
}

/**
 * The authorization_code grant (RFC 6749 §4.1.3 with PKCE, RFC 7636 §4.6): the code works once,
 * for the app it was issued to, with the same redirect_uri, before it expires, and with the
 * verifier whose S256 hash is the challenge. Anything else: 400 invalid_grant OAU-211.
 */
export async function redeemAuthorizationCode(
  deps: Deps,
  app: OAuthApp,
  form: TokenForm,
): Promise<TokenOwner> {
  if (!form.code) throw missing('code');
  const code = await deps.store.consumeAuthorizationCode(hashToken(form.code), deps.clock.now());
  if (!code || code.clientId !== app.clientId) throw invalid('the code is unknown, used or expired');
  if ((form.redirect_uri ?? '') !== code.redirectUri)
    throw invalid('redirect_uri differs from the authorization request');
  if (code.codeChallenge !== null) {
    if (!form.code_verifier)
      throw invalid('code_verifier is required: the authorization request sent a code_challenge');
    if (s256(form.code_verifier) !== code.codeChallenge)
      throw invalid('code_verifier does not match the code_challenge');
  }
  return { accountId: code.accountId, extensionId: code.extensionId, role: code.role };
}

/** BASE64URL(SHA256(verifier)), RFC 7636 §4.2. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function invalid(detail: string): OAuthError {
  return new OAuthError('invalid_grant', 'OAU-211', {}, detail);
}
