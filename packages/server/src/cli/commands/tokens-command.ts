import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { apiCommand, commandGroup } from '../command-builder.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import { formatFields, formatTable } from '../output/format-table.js';
import { shortIso } from '../output/format-time.js';
import type { CreatedToken, TokenView } from './api-types.js';

const ROLES = ['user', 'account-admin', 'publisher', 'admin'] as const satisfies readonly TokenView['role'][];

interface CreateFlags extends GlobalFlags {
  role: string;
  name: string;
  account?: string;
  extension?: string;
}

/** `switchboard tokens create|list|revoke` (admin tokens only). */
export function tokensCommand(io: CliIo): Command {
  return commandGroup({
    name: 'tokens',
    alias: 'token',
    description: 'Manage API tokens (needs an admin token): user, publisher, admin',
    subcommands: [createCommand(io), listCommand(io), revokeCommand(io)],
    examples: [
      'switchboard tokens create --role publisher --name billing-service',
      'switchboard tokens list',
      'switchboard tokens revoke 7f0e…',
    ],
  });
}

function createCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'create',
    description: 'Create a token; its secret is shown only now',
    options: (command) =>
      command
        .addOption(
          new Option(
            '--role <role>',
            'user: its own subscriptions; publisher: publish events; admin: everything',
          )
            .choices(ROLES)
            .makeOptionMandatory(),
        )
        .requiredOption('--name <name>', 'what the token is for')
        .option('--account <id>', 'the account it belongs to (default: yours)')
        .option('--extension <id>', 'the extension it belongs to (default: yours, within your account)'),
    examples: [
      'switchboard tokens create --role user --name "alice laptop" --extension 2002',
      'switchboard tokens create --role publisher --name billing --account 3001',
      'export SWITCHBOARD_TOKEN=$(switchboard tokens create --role user --name ci --json | jq -r .token)',
    ],
    run: (ctx: CommandContext<CreateFlags>) => {
      const { role, name, account, extension } = ctx.flags;
      return ctx.client().post<CreatedToken>('/v1/tokens', {
        role,
        name,
        ...(account !== undefined ? { accountId: account } : {}),
        ...(extension !== undefined ? { extensionId: extension } : {}),
      });
    },
    text: printCreated,
  });
}

function printCreated(ctx: CommandContext, created: CreatedToken): void {
  ctx.print(`${ctx.style.green('Created')} ${created.role} token ${ctx.style.bold(created.id)}`);
  ctx.print(
    formatFields(
      [
        ['name', created.name],
        [
          'owner',
          `account ${created.accountId}${created.extensionId ? `, extension ${created.extensionId}` : ''}`,
        ],
        ['token', ctx.style.bold(created.token)],
      ],
      ctx.style,
    ),
  );
  ctx.print(ctx.style.yellow('The token is shown only now: store it (the server keeps only its hash).'));
}

function listCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'list',
    alias: 'ls',
    description: 'List tokens (never their secrets)',
    examples: ['switchboard tokens list', 'switchboard tokens list --json'],
    run: (ctx) => ctx.client().get<{ records: TokenView[] }>('/v1/tokens'),
    text: (ctx, list) => {
      const rows = list.records.map((t) => [
        t.id,
        t.role,
        t.name,
        t.accountId,
        t.extensionId || '-',
        shortIso(t.createdAt),
        t.revokedAt ? ctx.style.red(`revoked ${shortIso(t.revokedAt)}`) : ctx.style.green('active'),
      ]);
      ctx.print(
        formatTable(['ID', 'ROLE', 'NAME', 'ACCOUNT', 'EXTENSION', 'CREATED', 'STATUS'], rows, ctx.style),
      );
    },
  });
}

function revokeCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'revoke',
    arguments: [['<id...>', 'token ids (not the secrets)']],
    description: 'Revoke tokens: they stop working at once',
    examples: ['switchboard tokens revoke 7f0e2c1d-…'],
    run: async (ctx, ids: string[]) => {
      for (const id of ids) {
        await ctx.client().delete(`/v1/tokens/${encodeURIComponent(id)}`);
        if (!ctx.json) ctx.print(`${ctx.style.green('Revoked')} token ${id}`);
      }
      return { revoked: ids };
    },
  });
}
