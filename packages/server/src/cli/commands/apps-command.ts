import { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import {
  action,
  type CommandContext,
  type GlobalFlags,
  withConnectionOptions,
  withExamples,
} from '../command-context.js';
import { formatFields, formatTable } from '../output/format-table.js';
import { shortIso } from '../output/format-time.js';
import type { AppView, CreatedApp } from './api-types.js';

interface CreateFlags extends GlobalFlags {
  name: string;
  redirectUri?: string[];
}

/** `switchboard apps create|list|delete`: RingCentral apps (client id + secret), admin only. */
export function appsCommand(io: CliIo): Command {
  const command = new Command('apps')
    .alias('app')
    .description('Manage the apps RingCentral SDKs log in as (client id and secret; needs an admin token)');
  command.addCommand(createCommand(io));
  command.addCommand(listCommand(io));
  command.addCommand(deleteCommand(io));
  return withExamples(command, [
    'switchboard apps create --name "my bot"',
    'switchboard apps list',
    'switchboard apps delete AbCdEf…',
  ]);
}

function createCommand(io: CliIo): Command {
  const command = withConnectionOptions(
    new Command('create')
      .description('Register an app; its client secret is shown only now')
      .requiredOption('--name <name>', 'what the app is')
      .option('--redirect-uri <uri...>', 'redirect URIs for the authorization-code flow'),
  ).action(
    action(io, async (ctx: CommandContext<CreateFlags>) => {
      const created = await ctx.client().post<CreatedApp>('/v1/apps', {
        name: ctx.flags.name,
        ...(ctx.flags.redirectUri ? { redirectUris: ctx.flags.redirectUri } : {}),
      });
      if (ctx.json) return ctx.printJson(created);
      ctx.print(`${ctx.style.green('Created')} app ${ctx.style.bold(created.name)}`);
      ctx.print(
        formatFields(
          [
            ['client id', created.clientId],
            ['client secret', ctx.style.bold(created.clientSecret)],
            ['grants', created.grants.join(', ')],
          ],
          ctx.style,
        ),
      );
      ctx.print(ctx.style.yellow('The client secret is shown only now (the server keeps only its hash).'));
    }),
  );
  return withExamples(command, ['switchboard apps create --name "my bot"']);
}

function listCommand(io: CliIo): Command {
  const command = withConnectionOptions(
    new Command('list').alias('ls').description('List apps (never their secrets)'),
  ).action(
    action(io, async (ctx) => {
      const list = await ctx.client().get<{ records: AppView[] }>('/v1/apps');
      if (ctx.json) return ctx.printJson(list);
      const rows = list.records.map((a) => [
        a.clientId,
        a.name,
        a.grants.length.toString(),
        shortIso(a.createdAt),
      ]);
      ctx.print(formatTable(['CLIENT ID', 'NAME', 'GRANTS', 'CREATED'], rows, ctx.style));
    }),
  );
  return withExamples(command, ['switchboard apps list', 'switchboard apps list --json']);
}

function deleteCommand(io: CliIo): Command {
  const command = withConnectionOptions(
    new Command('delete')
      .argument('<clientId...>', 'client ids')
      .description('Delete apps: their tokens stop working at once'),
  ).action(
    action(io, async (ctx, ids: string[]) => {
      for (const id of ids) {
        await ctx.client().delete(`/v1/apps/${encodeURIComponent(id)}`);
        if (!ctx.json) ctx.print(`${ctx.style.green('Deleted')} app ${id}`);
      }
      if (ctx.json) ctx.printJson({ deleted: ids });
    }),
  );
  return withExamples(command, ['switchboard apps delete AbCdEf…']);
}
