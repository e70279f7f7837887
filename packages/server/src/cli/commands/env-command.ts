import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { parseRingCentralEnv, RINGCENTRAL_ENV_FILE, ringCentralEnv } from '../../oauth/ringcentral-env.js';
import type { CliIo } from '../cli-io.js';
import {
  action,
  type CommandContext,
  type GlobalFlags,
  withConnectionOptions,
  withExamples,
} from '../command-context.js';
import type { CreatedApp, CreatedCredential } from './api-types.js';

interface EnvFlags extends GlobalFlags {
  new?: boolean;
  extension: string;
}

/**
 * `switchboard env`: the `.env` block RingCentral's quick starts read (RC_SERVER_URL,
 * RC_CLIENT_ID, RC_CLIENT_SECRET, RC_JWT). Locally it prints the development app made on first
 * start; `--new` (or a server without one) registers a new app and credential.
 */
export function envCommand(io: CliIo): Command {
  const command = withConnectionOptions(
    new Command('env')
      .description(
        'Print a .env block for a RingCentral app (RC_SERVER_URL, RC_CLIENT_ID, RC_CLIENT_SECRET, RC_JWT)',
      )
      .option('--new', 'register a new app and credential instead of the development one')
      .option('--extension <id>', 'the extension a new credential logs in as', '2001'),
  ).action(
    action(io, async (ctx: CommandContext<EnvFlags>) => {
      const client = ctx.client();
      const serverUrl = client.connection.serverUrl;
      const local = ctx.flags.new ? null : readLocal(client.connection.dataDir);
      const values = local ?? (await register(ctx));
      const env = { serverUrl, ...values };
      if (ctx.json) return ctx.printJson(env);
      io.stdout.write(ringCentralEnv(env));
    }),
  );
  return withExamples(command, ['switchboard env > .env', 'switchboard env --new --extension 2002']);
}

function readLocal(dataDir: string) {
  try {
    return parseRingCentralEnv(readFileSync(join(dataDir, RINGCENTRAL_ENV_FILE), 'utf8'));
  } catch {
    return null;
  }
}

async function register(ctx: CommandContext<EnvFlags>) {
  const app = await ctx.client().post<CreatedApp>('/v1/apps', { name: 'switchboard env' });
  const credential = await ctx.client().post<CreatedCredential>('/v1/credentials', {
    extensionId: ctx.flags.extension,
  });
  return { clientId: app.clientId, clientSecret: app.clientSecret, jwt: credential.jwt };
}
