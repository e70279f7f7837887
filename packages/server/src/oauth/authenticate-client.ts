import { timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/store.js';
import { hashToken } from '../tokens/hash-token.js';
import { OAuthError } from './oauth-error.js';
import type { OAuthApp } from './oauth-model.js';
import type { TokenForm } from './token-form.js';

/** The app a request comes from, and whether it proved it with its secret. */
export interface ClientIdentity {
  app: OAuthApp;
  /** False for a public client that named itself with `client_id` only (PKCE apps, revoke). */
  authenticated: boolean;
}

const BASIC = /^Basic[ \t]+([A-Za-z0-9+/=]+)[ \t]*$/i;

/**
 * Client authentication as RingCentral's token endpoint does it: `client_secret_basic` (HTTP
 * Basic, what both SDKs send when they have a secret), else `client_id` (+ `client_secret`) in
 * the form. No credentials at all is 400 OAU-123; a wrong id or secret is 401 OAU-153 with
 * `WWW-Authenticate: Basic` (RFC 6749 §5.2). Secrets are compared by their hashes, in constant time.
 */
export async function authenticateClient(
  store: Store,
  authorization: string | undefined,
  form: TokenForm,
): Promise<ClientIdentity> {
  const basic = authorization === undefined ? null : parseBasic(authorization);
  const clientId = basic?.clientId ?? form.client_id;
  const secret = basic ? basic.secret : form.client_secret;
  if (clientId === undefined || clientId === '') {
    throw new OAuthError('invalid_client', 'OAU-123', {}, 'send the client id and secret as HTTP Basic');
  }
  const app = await store.findOAuthApp(clientId);
  if (!app) throw invalidClient(clientId, 'no app has this client id');
  if (secret === undefined || secret === '') return { app, authenticated: false };
  if (!sameHash(hashToken(secret), app.secretHash))
    throw invalidClient(clientId, 'the client secret is wrong');
  return { app, authenticated: true };
}

function parseBasic(header: string): { clientId: string; secret: string } | null {
  const encoded = BASIC.exec(header)?.[1];
  if (encoded === undefined) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return part;
    }
  };
  if (colon === -1) return { clientId: decode(decoded), secret: '' };
  return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

function invalidClient(clientId: string, detail: string): OAuthError {
  // The client id is not a secret (RingCentral echoes it too); cap it so it cannot flood a log line.
  return new OAuthError('invalid_client', 'OAU-153', { clientId: clientId.slice(0, 64) }, detail, {
    headers: { 'WWW-Authenticate': 'Basic realm="RingCentral"' },
  });
}
