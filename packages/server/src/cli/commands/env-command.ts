import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseRingCentralEnv, RINGCENTRAL_ENV_FILE, ringCentralEnv } from '../../oauth/ringcentral-env.js';
import type { CliIo } from '../cli-io.js';
import { apiCommand } from '../command-builder.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
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
  return apiCommand(io, {
    name: 'env',
    description:
      'Print a .env block for a RingCentral app (RC_SERVER_URL, RC_CLIENT_ID, RC_CLIENT_SECRET, RC_JWT)',
    options: (command) =>
      command
        .option('--new', 'register a new app and credential instead of the development one')
        .option('--extension <id>', 'the extension a new credential logs in as', '2001'),
    examples: ['switchboard env > .env', 'switchboard env --new --extension 2002'],
    run: async (ctx: CommandContext<EnvFlags>) => {
      const client = ctx.client();
      const serverUrl = client.connection.serverUrl;
      const local = ctx.flags.new ? null : readLocal(client.connection.dataDir);
      const values = local ?? (await register(ctx));
      return { serverUrl, ...values };
    },
    text: (ctx, env) => ctx.io.stdout.write(ringCentralEnv(env)),
  });
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
