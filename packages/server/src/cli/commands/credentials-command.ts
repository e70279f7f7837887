import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { apiCommand, commandGroup } from '../command-builder.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import { formatFields } from '../output/format-table.js';
import type { CreatedCredential } from './api-types.js';

interface CreateFlags extends GlobalFlags {
  extension: string;
  account?: string;
  app?: string;
  role?: string;
}

/** `switchboard credentials create --extension N`: a JWT credential (RingCentral's JWT auth flow). */
export function credentialsCommand(io: CliIo): Command {
  return commandGroup({
    name: 'credentials',
    alias: 'credential',
    description: 'Issue JWT credentials (needs an admin token)',
    subcommands: [createCommand(io)],
    examples: ['switchboard credentials create --extension 2001'],
  });
}

function createCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'create',
    description: 'Issue a JWT credential for an extension; the JWT is shown only now',
    options: (command) =>
      command
        .requiredOption('--extension <id>', 'the extension it logs in as')
        .option('--account <id>', 'its account (default: yours)')
        .option('--app <clientId>', 'only this app may use it (default: any app)')
        .option('--role <role>', 'user (default) or admin'),
    examples: [
      'switchboard credentials create --extension 2001',
      'switchboard credentials create --extension 2002 --app AbCdEf…',
    ],
    run: (ctx: CommandContext<CreateFlags>) => {
      const { extension, account, app, role } = ctx.flags;
      return ctx.client().post<CreatedCredential>('/v1/credentials', {
        extensionId: extension,
        ...(account !== undefined ? { accountId: account } : {}),
        ...(app !== undefined ? { clientId: app } : {}),
        ...(role !== undefined ? { role } : {}),
      });
    },
    text: (ctx, created) => {
      ctx.print(`${ctx.style.green('Created')} JWT credential for extension ${created.extensionId}`);
      ctx.print(formatFields([['jwt', ctx.style.bold(created.jwt)]], ctx.style));
      ctx.print(ctx.style.yellow('The JWT is shown only now: put it in RC_JWT.'));
    },
  });
}
