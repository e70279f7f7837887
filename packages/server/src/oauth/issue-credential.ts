import type { AppContext } from '../context.js';
import type { Role } from '../model.js';
import { signCredential } from './credential-jwt.js';
import type { JwtCredential } from './oauth-model.js';
import { signingKey } from './signing-key.js';

/** Whose credential to issue, and for which app (null: any app). */
export interface CredentialRequest {
  accountId: string;
  extensionId: string;
  role?: Role;
  clientId?: string | null;
}

/**
 * Issues a JWT credential for an extension (RingCentral's "JWT auth flow" credential): the row is
 * stored (so it can be revoked) and the signed JWT answered once; Switchboard keeps no copy.
 *
 * @example
 * const { jwt } = await issueCredential(ctx, { accountId: '1001', extensionId: '2001' });
 */
export async function issueCredential(
  deps: Pick<AppContext, 'store' | 'clock' | 'random'>,
  request: CredentialRequest,
): Promise<{ credential: JwtCredential; jwt: string }> {
  const now = deps.clock.now();
  const credential: JwtCredential = {
    id: deps.random.uuid(),
    clientId: request.clientId ?? null,
    accountId: request.accountId,
    extensionId: request.extensionId,
    role: request.role ?? 'user',
    createdAt: now,
    revokedAt: null,
  };
  await deps.store.createJwtCredential(credential);
  return { credential, jwt: await signCredential(await signingKey(deps), credential, now) };
}
