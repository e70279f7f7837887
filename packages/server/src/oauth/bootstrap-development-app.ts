import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../context.js';
import { issueCredential } from './issue-credential.js';
import { registerApp } from './register-app.js';
import { RINGCENTRAL_ENV_FILE, ringCentralEnv } from './ringcentral-env.js';

/**
 * Development mode, first start (no app registered yet): one default app and a JWT credential for
 * the default extension, so `switchboard env` has a ready `.env` block (PRODUCT-DECISIONS
 * "OAuth"). The secrets go only to the data directory (mode 0600), never to the log.
 * Returns true when it created them.
 */
export async function bootstrapDevelopmentApp(
  deps: Pick<AppContext, 'store' | 'clock' | 'random'>,
  owner: { accountId: string; extensionId: string; serverUrl: string },
  dataDir: string | null,
): Promise<boolean> {
  if ((await deps.store.listOAuthApps()).length > 0) return false;
  const { app, clientSecret } = await registerApp(deps, { name: 'Development app' });
  const { jwt } = await issueCredential(deps, { accountId: owner.accountId, extensionId: owner.extensionId });
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const env = ringCentralEnv({ serverUrl: owner.serverUrl, clientId: app.clientId, clientSecret, jwt });
    writeFileSync(join(dataDir, RINGCENTRAL_ENV_FILE), env, { mode: 0o600 });
  }
  return true;
}
