import type { AppContext } from '../context.js';
import type { ClientIdentity } from './authenticate-client.js';
import { redeemAuthorizationCode } from './authorization-code.js';
import { credentialOwner } from './credential-owner.js';
import { missing, refreshSession, startSession } from './issue-tokens.js';
import { OAuthError } from './oauth-error.js';
import { GRANT_TYPES, type GrantType } from './oauth-model.js';
import type { TokenForm } from './token-form.js';
import type { TokenInfo } from './token-info.js';

type Deps = Pick<AppContext, 'store' | 'clock' | 'random'>;

/**
 * `POST /restapi/oauth/token` after client authentication: runs the grant the form names. An
 * unknown grant is OAU-250; a grant the app was not registered for is OAU-251 (RingCentral's
 * "Unauthorized for this grant type"). Only the authorization-code grant with PKCE may come from
 * a client that did not send its secret (a public client, RFC 7636).
 */
export async function exchangeToken(deps: Deps, client: ClientIdentity, form: TokenForm): Promise<TokenInfo> {
  const grant = form.grant_type;
  if (!grant) throw missing('grant_type');
  if (!isGrant(grant))
    throw new OAuthError('unsupported_grant_type', 'OAU-250', {}, `"${grant.slice(0, 80)}"`);
  const { app } = client;
  if (!app.grants.includes(grant)) {
    throw new OAuthError('unauthorized_client', 'OAU-251', {}, `the app is not registered for ${grant}`);
  }
  if (!client.authenticated && !(grant === 'authorization_code' && form.code_verifier)) {
    throw new OAuthError('invalid_client', 'OAU-123', {}, 'send the client secret (HTTP Basic)');
  }
  switch (grant) {
    case 'urn:ietf:params:oauth:grant-type:jwt-bearer': {
      if (!form.assertion) throw missing('assertion');
      return startSession(deps, app, await credentialOwner(deps, app, form.assertion), form);
    }
    case 'password': {
      if (!form.password) throw missing('password');
      if (!form.username) throw missing('username');
      const owner = await credentialOwner(deps, app, form.password);
      if (!usernameNames(form.username, owner.extensionId)) {
        throw new OAuthError(
          'invalid_grant',
          'OAU-140',
          {},
          'the username does not name the credential’s extension',
        );
      }
      return startSession(deps, app, owner, form);
    }
    case 'refresh_token':
      return refreshSession(deps, app, form);
    case 'authorization_code':
      return startSession(deps, app, await redeemAuthorizationCode(deps, app, form), form);
  }
}

function isGrant(value: string): value is GrantType {
  return (GRANT_TYPES as readonly string[]).includes(value);
}

/**
 * Switchboard has no passwords: the password grant takes a credential JWT as the password, and the
 * username names its extension, either alone or after a `*` as the SDKs join `username*extension`.
 */
function usernameNames(username: string, extensionId: string): boolean {
  const star = username.lastIndexOf('*');
  return (star === -1 ? username : username.slice(star + 1)) === extensionId;
}
