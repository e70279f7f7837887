import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_EXTENSION_ID } from '../model.js';
import type { Random } from '../random.js';
import type { Store } from '../store/store.js';
import { hashToken } from './hash-token.js';
import { TOKEN_PREFIX } from './token-prefix.js';

export const ADMIN_TOKEN_FILE = 'admin-token';

/**
 * First start with an empty store: create the default account's admin token, write it to the data
 * directory (mode 0600) for the local CLI, and return it so it is printed once. Nothing else is
 * ever created silently (docs/decisions.md "Identity and tokens"). Returns null when tokens exist.
 */
export async function bootstrapAdmin(deps: {
  store: Store;
  clock: Clock;
  random: Random;
  dataDir: string | null;
}): Promise<string | null> {
  if ((await deps.store.countTokens()) > 0) return null;
  const token = TOKEN_PREFIX + deps.random.token(32);
  await deps.store.createToken({
    id: deps.random.uuid(),
    name: 'bootstrap admin',
    role: 'admin',
    accountId: DEFAULT_ACCOUNT_ID,
    extensionId: DEFAULT_EXTENSION_ID,
    hash: hashToken(token),
    createdAt: deps.clock.now(),
    revokedAt: null,
  });
  if (deps.dataDir) {
    mkdirSync(deps.dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(deps.dataDir, ADMIN_TOKEN_FILE), `${token}\n`, { mode: 0o600 });
  }
  return token;
}
