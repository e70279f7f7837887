import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type App, createApp } from '../../../src/app.js';
import { type Config, resolveConfig } from '../../../src/config.js';

export interface CliServer {
  app: App;
  url: string;
  /** The bootstrap admin token, as the server wrote it to `dataDir/admin-token`. */
  token: string;
  dataDir: string;
  /** The environment that points the CLI at this server through its data directory. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A real Switchboard (real clock, dispatcher, scheduler, SQLite in a temp data directory) on
 * 127.0.0.1, port 0, in the test process, for the CLI to talk to over HTTP.
 */
export async function startCliServer(
  overrides: Partial<Record<keyof Config, unknown>> = {},
): Promise<CliServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-cli-'));
  const config = resolveConfig({ flags: { port: 0, dataDir, logLevel: 'silent', ...overrides } });
  const app = await createApp({ config, logger: pino({ level: 'silent' }) });
  const url = await app.start();
  const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  return {
    app,
    url,
    token,
    dataDir,
    env: { SWITCHBOARD_URL: url, SWITCHBOARD_DATA_DIR: dataDir },
    async stop() {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
