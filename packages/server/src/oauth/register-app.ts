import type { AppContext } from '../context.js';
import { hashToken } from '../tokens/hash-token.js';
import { GRANT_TYPES, type GrantType, type OAuthApp } from './oauth-model.js';

/** What an operator asks for when registering an app; everything has a default. */
export interface AppRequest {
  name: string;
  grants?: GrantType[];
  redirectUris?: string[];
  scope?: string;
}

/** The permissions a webhook app needs on RingCentral, answered as `scope` by default. */
export const DEFAULT_SCOPE = 'ReadAccounts SubscriptionWebhook';

/**
 * Registers an app: a client id (22 URL-safe characters, as RingCentral's) and a client secret
 * answered once; the store keeps the secret's SHA-256 only. Default grants: all of them.
 *
 * @example
 * const { app, clientSecret } = await registerApp(ctx, { name: 'My bot' });
 */
export async function registerApp(
  deps: Pick<AppContext, 'store' | 'clock' | 'random'>,
  request: AppRequest,
): Promise<{ app: OAuthApp; clientSecret: string }> {
  const clientSecret = deps.random.token(32);
  const app: OAuthApp = {
    clientId: deps.random.token(16).slice(0, 22),
    name: request.name,
    secretHash: hashToken(clientSecret),
    grants: request.grants ?? [...GRANT_TYPES],
    redirectUris: request.redirectUris ?? [],
    scope: request.scope ?? DEFAULT_SCOPE,
    createdAt: deps.clock.now(),
  };
  await deps.store.createOAuthApp(app);
  return { app, clientSecret };
}
