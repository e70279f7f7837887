import { join } from 'node:path';
import type { Clock } from '../clock.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_EXTENSION_ID } from '../model.js';
import type { Random } from '../random.js';
import type { Store } from '../store/store.js';
import { hashToken } from './hash-token.js';
import { TOKEN_PREFIX } from './token-prefix.js';
import { writeAdminTokenFile } from './write-admin-token-file.js';

export const ADMIN_TOKEN_FILE = 'admin-token';

/**
 * First start with an empty store: create the default account's admin token, write it to the data
 * directory (mode 0600) for the local CLI, and return it. Nothing else is ever created silently
 * (docs/decisions.md "Identity and tokens"). Returns null when tokens exist.
 *
 * **The file is written (fsync'd, renamed) before the credential is committed**: a failed write
 * leaves an empty store, so the next start tries again (docs/reliability.md). A `givenToken`
 * (SWITCHBOARD_ADMIN_TOKEN, tokens/given-admin-token.ts) is made an admin token if it is not one
 * yet, is never written anywhere, and null is returned: there is nothing to show.
 */
export async function bootstrapAdmin(deps: {
  store: Store;
  clock: Clock;
  random: Random;
  dataDir: string | null;
  givenToken?: string | null;
}): Promise<string | null> {
  if (deps.givenToken) {
    // Known already (even revoked: a revocation stands across restarts): nothing to do.
    if (await deps.store.findTokenByHash(hashToken(deps.givenToken))) return null;
    await deps.store.createToken(adminRecord(deps, deps.givenToken, 'admin (SWITCHBOARD_ADMIN_TOKEN)'));
    return null;
  }
  if ((await deps.store.countTokens()) > 0) return null;
  const token = TOKEN_PREFIX + deps.random.token(32);
  if (deps.dataDir) writeAdminTokenFile(join(deps.dataDir, ADMIN_TOKEN_FILE), token);
  await deps.store.createToken(adminRecord(deps, token, 'bootstrap admin'));
  return token;
}

function adminRecord(deps: { clock: Clock; random: Random }, token: string, name: string) {
  return {
    id: deps.random.uuid(),
    name,
    role: 'admin' as const,
    accountId: DEFAULT_ACCOUNT_ID,
    extensionId: DEFAULT_EXTENSION_ID,
    hash: hashToken(token),
    createdAt: deps.clock.now(),
    revokedAt: null,
  };
}
