import type { AppContext } from '../context.js';
import { verifyCredential } from './credential-jwt.js';
import type { TokenOwner } from './issue-tokens.js';
import { OAuthError } from './oauth-error.js';
import type { OAuthApp } from './oauth-model.js';
import { signingKey } from './signing-key.js';

/**
 * Whose credential a JWT is: signed by this server, unexpired on the injected clock, its stored
 * credential not revoked, and usable by `app`. Anything else is 400 invalid_grant OAU-140, the
 * answer RingCentral gives for bad resource-owner credentials; the reason is in the description.
 */
export async function credentialOwner(
  deps: Pick<AppContext, 'store' | 'clock' | 'random'>,
  app: OAuthApp,
  jwt: string,
): Promise<TokenOwner> {
  const key = await signingKey(deps);
  const check = await verifyCredential(key, jwt, deps.clock.now());
  if (!check.ok) throw invalidCredential(check.reason);
  const credential = await deps.store.getJwtCredential(check.credentialId);
  if (!credential || credential.revokedAt !== null) throw invalidCredential('the credential was revoked');
  if (credential.clientId !== null && credential.clientId !== app.clientId) {
    throw invalidCredential('the credential belongs to another app');
  }
  return { accountId: credential.accountId, extensionId: credential.extensionId, role: credential.role };
}

function invalidCredential(detail: string): OAuthError {
  return new OAuthError('invalid_grant', 'OAU-140', {}, detail);
}
