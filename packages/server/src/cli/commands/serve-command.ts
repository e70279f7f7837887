import { Command } from 'commander';
import { type Config, resolveConfig } from '../../config.js';
import { givenAdminToken } from '../../tokens/given-admin-token.js';
import type { CliIo } from '../cli-io.js';
import { logProductionStart } from '../output/production-start-line.js';
import { startFailure } from './start-failure.js';

interface ServeFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  database?: string;
  production?: boolean;
  config?: string;
  logLevel?: string;
  json?: boolean;
}

function flagsToConfig(flags: ServeFlags): Partial<Record<keyof Config, unknown>> {
  const out: Partial<Record<keyof Config, unknown>> = {};
  if (flags.port !== undefined) out.port = flags.port;
  if (flags.host !== undefined) out.host = flags.host;
  if (flags.dataDir !== undefined) out.dataDir = flags.dataDir;
  if (flags.database !== undefined) out.database = flags.database;
  if (flags.logLevel !== undefined) out.logLevel = flags.logLevel;
  if (flags.production) out.mode = 'production';
  return out;
}

function banner(config: Readonly<Config>, url: string, adminToken: string | null): string {
  const lines = [
    '',
    `  Switchboard is listening on ${url}`,
    `  mode:      ${config.mode}${config.mode === 'development' ? ' (http and loopback receivers allowed; use --production to require https)' : ''}`,
    `  database:  ${config.database === 'sqlite' ? `SQLite in ${config.dataDir}` : config.database.replace(/\/\/[^@]*@/, '//…@')}`,
  ];
  if (adminToken) {
    lines.push(
      '',
      '  First start: an admin token was created. It is shown only this once and saved (mode 0600) in',
      `  ${config.dataDir}/admin-token for the local CLI:`,
      '',
      `    ${adminToken}`,
    );
  }
  lines.push('', '  Stop with Ctrl-C: in-flight deliveries finish or are released; nothing is lost.', '');
  return lines.join('\n');
}

/** `serve --json`: what the banner says, for a script that starts the server. */
function startLine(config: Readonly<Config>, url: string, adminToken: string | null) {
  return {
    type: 'listening',
    url,
    mode: config.mode,
    database: config.database === 'sqlite' ? 'sqlite' : config.database.replace(/\/\/[^@]*@/, '//…@'),
    dataDir: config.dataDir,
    ...(adminToken ? { adminToken } : {}),
  };
}

export function serveCommand(io: CliIo): Command {
  return new Command('serve')
    .description('Run the Switchboard server (what `npm start` runs)')
    .option('-p, --port <port>', 'port to listen on (default 8080)')
    .option('--host <host>', 'address to bind (default 127.0.0.1; 0.0.0.0 in production)')
    .option(
      '--data-dir <dir>',
      'where the SQLite database and the local admin token live (default ./.switchboard)',
    )
    .option('--database <url>', 'database: "sqlite" (default) or a postgres:// URL')
    .option('--production', 'production mode: https receivers only, private addresses refused, JSON logs')
    .option('--config <file>', 'JSON configuration file (flags > environment > file)')
    .option('--log-level <level>', 'trace, debug, info, warn, error (default info)')
    .option('--json', 'announce the start as one JSON line instead of the banner (for scripts)')
    .addHelpText(
      'after',
      `
Examples:
  $ switchboard serve                         # local development on http://127.0.0.1:8080
  $ switchboard serve --port 9000 --data-dir /tmp/sb
  $ SWITCHBOARD_MODE=production switchboard serve --config /etc/switchboard.json

Every option can also be set as SWITCHBOARD_<NAME> in the environment; see docs/configuration.md.`,
    )
    .action(async (flags: ServeFlags) => {
      const config = resolveConfig({ flags: flagsToConfig(flags), env: { ...io.env }, file: flags.config });
      // Loaded here, not at the top: the other commands start without the server's dependencies.
      const { createApp } = await import('../../app.js');
      const adminToken = givenAdminToken(io.env);
      const app = await createApp({ config, adminToken }).catch((err: unknown) => {
        throw startFailure(err);
      });
      const url = await app.start();
      if (config.mode === 'production')
        logProductionStart(app.ctx.logger, config, url, { given: !!adminToken });
      else
        io.stdout.write(
          flags.json
            ? `${JSON.stringify(startLine(config, url, app.createdAdminToken))}\n`
            : `${banner(config, url, app.createdAdminToken)}\n`,
        );
      // Runs until SIGINT/SIGTERM (cli-io.ts); a second signal exits at once.
      await new Promise<void>((resolve) => {
        if (io.signal.aborted) resolve();
        io.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      app.ctx.logger.info({ signal: String(io.signal.reason) }, 'shutting down');
      await app.stop();
    });
}
