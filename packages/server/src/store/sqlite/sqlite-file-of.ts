import { join } from 'node:path';
import type { Config } from '../../config.js';

/**
 * The SQLite file the configuration names: `switchboard.db` in the data dir for `sqlite`, the
 * path of `sqlite:<path>`, or null for another database.
 *
 * @example
 * sqliteFileOf({ database: 'sqlite', dataDir: '/var/lib/switchboard' }); // '/var/lib/switchboard/switchboard.db'
 */
export function sqliteFileOf(config: Pick<Config, 'database' | 'dataDir'>): string | null {
  if (config.database === 'sqlite') return join(config.dataDir, 'switchboard.db');
  if (config.database.startsWith('sqlite:')) return config.database.slice('sqlite:'.length);
  return null;
}
