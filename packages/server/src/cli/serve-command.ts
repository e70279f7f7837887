import { Command } from 'commander';
import { createApp } from '../app.js';
import { type Config, resolveConfig } from '../config.js';

interface ServeFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  database?: string;
  production?: boolean;
  config?: string;
  logLevel?: string;
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

export function serveCommand(): Command {
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
      const config = resolveConfig({ flags: flagsToConfig(flags), env: process.env, file: flags.config });
      const app = await createApp({ config });
      const url = await app.start();
      process.stdout.write(`${banner(config, url, app.createdAdminToken)}\n`);
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        app.ctx.logger.info({ signal }, 'shutting down');
        app.stop().then(
          () => process.exit(0),
          (err) => {
            app.ctx.logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    });
}
