import { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import {
  action,
  type CommandContext,
  type GlobalFlags,
  withConnectionOptions,
  withExamples,
} from '../command-context.js';
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
  const command = new Command('credentials')
    .alias('credential')
    .description('Issue JWT credentials (needs an admin token)');
  const create = withConnectionOptions(
    new Command('create')
      .description('Issue a JWT credential for an extension; the JWT is shown only now')
      .requiredOption('--extension <id>', 'the extension it logs in as')
      .option('--account <id>', 'its account (default: yours)')
      .option('--app <clientId>', 'only this app may use it (default: any app)')
      .option('--role <role>', 'user (default) or admin'),
  ).action(
    action(io, async (ctx: CommandContext<CreateFlags>) => {
      const { extension, account, app, role } = ctx.flags;
      const created = await ctx.client().post<CreatedCredential>('/v1/credentials', {
        extensionId: extension,
        ...(account !== undefined ? { accountId: account } : {}),
        ...(app !== undefined ? { clientId: app } : {}),
        ...(role !== undefined ? { role } : {}),
      });
      if (ctx.json) return ctx.printJson(created);
      ctx.print(`${ctx.style.green('Created')} JWT credential for extension ${created.extensionId}`);
      ctx.print(formatFields([['jwt', ctx.style.bold(created.jwt)]], ctx.style));
      ctx.print(ctx.style.yellow('The JWT is shown only now: put it in RC_JWT.'));
    }),
  );
  command.addCommand(
    withExamples(create, [
      'switchboard credentials create --extension 2001',
      'switchboard credentials create --extension 2002 --app AbCdEf…',
    ]),
  );
  return withExamples(command, ['switchboard credentials create --extension 2001']);
}
