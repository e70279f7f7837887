import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { apiCommand, commandGroup } from '../command-builder.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import { formatFields, formatTable } from '../output/format-table.js';
import { shortIso } from '../output/format-time.js';
import type { AppView, CreatedApp } from './api-types.js';

interface CreateFlags extends GlobalFlags {
  name: string;
  redirectUri?: string[];
}

/** `switchboard apps create|list|delete`: RingCentral apps (client id + secret), admin only. */
export function appsCommand(io: CliIo): Command {
  return commandGroup({
    name: 'apps',
    alias: 'app',
    description: 'Manage the apps RingCentral SDKs log in as (client id and secret; needs an admin token)',
    subcommands: [createCommand(io), listCommand(io), deleteCommand(io)],
    examples: [
      'switchboard apps create --name "my bot"',
      'switchboard apps list',
      'switchboard apps delete AbCdEf…',
    ],
  });
}

function createCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'create',
    description: 'Register an app; its client secret is shown only now',
    options: (command) =>
      command
        .requiredOption('--name <name>', 'what the app is')
        .option('--redirect-uri <uri...>', 'redirect URIs for the authorization-code flow'),
    examples: ['switchboard apps create --name "my bot"'],
    run: (ctx: CommandContext<CreateFlags>) =>
      ctx.client().post<CreatedApp>('/v1/apps', {
        name: ctx.flags.name,
        ...(ctx.flags.redirectUri ? { redirectUris: ctx.flags.redirectUri } : {}),
      }),
    text: (ctx, created) => {
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
    },
  });
}

function listCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'list',
    alias: 'ls',
    description: 'List apps (never their secrets)',
    examples: ['switchboard apps list', 'switchboard apps list --json'],
    run: (ctx) => ctx.client().get<{ records: AppView[] }>('/v1/apps'),
    text: (ctx, list) => {
      const rows = list.records.map((a) => [
        a.clientId,
        a.name,
        a.grants.length.toString(),
        shortIso(a.createdAt),
      ]);
      ctx.print(formatTable(['CLIENT ID', 'NAME', 'GRANTS', 'CREATED'], rows, ctx.style));
    },
  });
}

function deleteCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'delete',
    arguments: [['<clientId...>', 'client ids']],
    description: 'Delete apps: their tokens stop working at once',
    examples: ['switchboard apps delete AbCdEf…'],
    // Each deletion is reported as it happens, so a failure part-way says which went through.
    run: async (ctx, ids: string[]) => {
      for (const id of ids) {
        await ctx.client().delete(`/v1/apps/${encodeURIComponent(id)}`);
        if (!ctx.json) ctx.print(`${ctx.style.green('Deleted')} app ${id}`);
      }
      return { deleted: ids };
    },
  });
}
