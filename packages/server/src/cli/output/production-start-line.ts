import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { ADMIN_TOKEN_FILE } from '../../tokens/bootstrap-admin.js';

/**
 * `serve --production` announces its start as one log line (JSON, like every other line it
 * writes) instead of the banner: log shippers parse every line, and they store what they read,
 * so **the admin token is never in it**, only where it is (docs/reliability.md).
 *
 * @example
 * logProductionStart(app.ctx.logger, config, url, { given: false });
 * // {"level":30,…,"url":"http://0.0.0.0:8080","adminTokenFile":"/var/lib/switchboard/admin-token","msg":"listening"}
 */
export function logProductionStart(
  logger: Logger,
  config: Readonly<Config>,
  url: string,
  adminToken: { given: boolean },
): void {
  const file = join(config.dataDir, ADMIN_TOKEN_FILE);
  logger.info(
    {
      url,
      mode: config.mode,
      database: config.database === 'sqlite' ? 'sqlite' : config.database.replace(/\/\/[^@]*@/, '//…@'),
      dataDir: config.dataDir,
      ...(adminToken.given
        ? { adminTokenSource: 'environment' }
        : existsSync(file)
          ? { adminTokenFile: file }
          : {}),
    },
    'listening',
  );
}
