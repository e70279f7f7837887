import type { Store } from '../store/store.js';
import { OAuthError } from './oauth-error.js';
import type { OAuthApp } from './oauth-model.js';
import type { TokenForm } from './token-form.js';

/** A checked authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3). */
export interface AuthorizeRequest {
  app: OAuthApp;
  redirectUri: string;
  state: string | null;
  codeChallenge: string | null;
}

/**
 * Checks `GET|POST /restapi/oauth/authorize` parameters: `response_type=code`, a known app
 * registered for the authorization-code grant, a `redirect_uri` registered for it exactly (or the
 * only one, when omitted, as RingCentral's spec says), and PKCE by S256 only. Errors are answered
 * on the page, never by redirecting to an unchecked URI (RFC 6749 §4.1.2.1).
 */
export async function checkAuthorizeRequest(store: Store, query: TokenForm): Promise<AuthorizeRequest> {
  if (query.response_type !== 'code') throw invalid('response_type', 'only "code" is supported');
  const app = query.client_id ? await store.findOAuthApp(query.client_id) : null;
  if (!app) throw invalid('client_id', 'no app has this client id');
  if (!app.grants.includes('authorization_code')) {
    throw new OAuthError(
      'unauthorized_client',
      'OAU-251',
      {},
      'the app is not registered for authorization_code',
    );
  }
  const redirectUri = query.redirect_uri ?? (app.redirectUris.length === 1 ? app.redirectUris[0] : undefined);
  if (!redirectUri || !app.redirectUris.includes(redirectUri)) {
    throw invalid('redirect_uri', 'must be one of the app’s registered redirect URIs');
  }
  const challenge = query.code_challenge || null;
  if (challenge !== null && (query.code_challenge_method ?? 'plain') !== 'S256') {
    throw invalid('code_challenge_method', 'only S256 is supported');
  }
  if (challenge !== null && !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
    throw invalid('code_challenge', 'must be BASE64URL(SHA256(code_verifier))');
  }
  return { app, redirectUri, state: query.state ?? null, codeChallenge: challenge };
}

function invalid(parameter: string, detail: string): OAuthError {
  return new OAuthError('invalid_request', 'OAU-101', { parameter }, detail, { parameterName: parameter });
}
