import type { Command } from 'commander';
import { UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { apiCommand, commandGroup } from '../command-builder.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import { describeSubscription, statusText } from '../output/describe-subscription.js';
import { formatTable } from '../output/format-table.js';
import { formatSeconds } from '../output/format-time.js';
import type { SubscriptionHealth, SubscriptionInfo } from './api-types.js';
import { collect, integer } from './option-parsers.js';
import { rotateSecretCommand } from './subscriptions-rotate-secret.js';

const RC = '/restapi/v1.0/subscription';
const V1 = '/v1/subscriptions';

interface ListFlags extends GlobalFlags {
  status?: string;
  account?: string;
}

interface WriteFlags extends GlobalFlags {
  filter?: string[];
  address?: string;
  verificationToken?: string;
  expiresIn?: number;
}

/** `switchboard subscriptions list|get|create|update|renew|delete`. */
export function subscriptionsCommand(io: CliIo): Command {
  return commandGroup({
    name: 'subscriptions',
    alias: 'subscription',
    description: 'Manage webhook subscriptions (the RingCentral Subscription API, plus health from /v1)',
    subcommands: [
      listCommand(io),
      getCommand(io),
      createCommand(io),
      updateCommand(io),
      renewCommand(io),
      deleteCommand(io),
      rotateSecretCommand(io),
    ],
    examples: [
      'switchboard subscriptions list',
      'switchboard subscriptions create --address http://127.0.0.1:3000/webhook \\',
      "    --filter '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true'",
      'switchboard subscriptions get 0c3f9a1e-…',
    ],
  });
}

function listCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'list',
    alias: 'ls',
    description: 'List subscriptions you can see, with their health (Expired ones too, for 7 days)',
    options: (command) =>
      command
        .option('--status <status>', 'only Active, Blacklisted or Expired ones')
        .option('--account <id>', 'admin tokens: only this account'),
    examples: [
      'switchboard subscriptions list',
      'switchboard subscriptions list --status Blacklisted',
      "switchboard subscriptions list --json | jq -r '.records[].id'",
    ],
    run: (ctx: CommandContext<ListFlags>) => {
      const query = new URLSearchParams();
      if (ctx.flags.status) query.set('status', ctx.flags.status);
      if (ctx.flags.account) query.set('accountId', ctx.flags.account);
      const q = query.size > 0 ? `?${query}` : '';
      return ctx.client().get<{ records: SubscriptionHealth[] }>(`${V1}${q}`);
    },
    text: printList,
  });
}

function printList(ctx: CommandContext, list: { records: SubscriptionHealth[] }): void {
  if (list.records.length === 0) {
    ctx.print('No subscriptions.');
    ctx.note(
      ctx.errStyle.dim('Create one with `switchboard subscriptions create`, or run `switchboard listen`.'),
    );
    return;
  }
  const rows = list.records.map((s) => [
    s.id,
    statusText(s.status, ctx.style),
    s.status === 'Expired' ? '-' : formatSeconds(s.expiresIn),
    `${s.deliveries.pending}/${s.deliveries.delivered}/${s.deliveries.dead + s.deliveries.expired}`,
    s.deliveryMode.address,
    s.eventFilters.length === 1 ? (s.eventFilters[0] ?? '') : `${s.eventFilters.length} filters`,
  ]);
  ctx.print(
    formatTable(
      ['ID', 'STATUS', 'EXPIRES IN', 'PEND/OK/FAILED', 'ADDRESS', 'EVENT FILTERS'],
      rows,
      ctx.style,
    ),
  );
}

function getCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'get',
    arguments: [['<id>', 'subscription id']],
    description: 'Show one subscription and its health',
    examples: ['switchboard subscriptions get 0c3f9a1e-5b7d-4c1e-9f3a-2b6d8e0a1c4f'],
    run: (ctx, id: string) => ctx.client().get<SubscriptionHealth>(`${V1}/${encodeURIComponent(id)}`),
    text: (ctx, subscription) => ctx.print(describeSubscription(subscription, ctx.style)),
  });
}

/** The options create and update share. */
function writeOptions(filterHelp: string): (command: Command) => Command {
  return (command) =>
    command
      .option('-f, --filter <filter>', filterHelp, collect)
      .option('--address <url>', 'the webhook address (a handshake checks it)')
      .option('--verification-token <token>', 'sent as the Verification-Token header on every notification')
      .option('--expires-in <seconds>', 'lifetime in seconds (default 604800, 7 days)', integer(1));
}

function createCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'create',
    description:
      'Create a subscription; Switchboard first performs the Validation-Token handshake with the address',
    options: writeOptions('an event filter; repeat for several (`~` means your account/extension)'),
    examples: [
      'switchboard subscriptions create --address http://127.0.0.1:3000/webhook \\',
      "    --filter '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true' \\",
      "    --filter '/restapi/v1.0/account/~/extension/~/message-store' --verification-token my-secret",
    ],
    run: (ctx: CommandContext<WriteFlags>) => {
      const { filter, address } = ctx.flags;
      if (!address)
        throw new UsageError('--address is required', 'The webhook URL Switchboard will POST to.');
      if (!filter || filter.length === 0)
        throw new UsageError(
          'give at least one --filter',
          "e.g. --filter '/restapi/v1.0/account/~/extension/~/presence'",
        );
      const body = {
        eventFilters: filter,
        deliveryMode: {
          transportType: 'WebHook',
          address,
          ...(ctx.flags.verificationToken !== undefined
            ? { verificationToken: ctx.flags.verificationToken }
            : {}),
        },
        ...(ctx.flags.expiresIn !== undefined ? { expiresIn: ctx.flags.expiresIn } : {}),
      };
      return ctx.client().post<SubscriptionInfo>(RC, body);
    },
    text: printCreated,
  });
}

function printCreated(ctx: CommandContext, created: SubscriptionInfo): void {
  ctx.print(`${ctx.style.green('Created')} subscription ${ctx.style.bold(created.id)}`);
  ctx.print(describeSubscription(created, ctx.style));
  if (created.deliveryMode.signingSecret) {
    ctx.print();
    ctx.print(`Signing secret (shown only now): ${ctx.style.bold(created.deliveryMode.signingSecret)}`);
    ctx.print(
      ctx.style.dim('Verify the webhook-signature header with it (the receiver library: signingSecret).'),
    );
  }
  printWarnings(ctx, created);
}

function updateCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'update',
    arguments: [['<id>', 'subscription id']],
    description:
      'Change filters, lifetime, address or verification token (a new address is handshaken first)',
    options: writeOptions('the new event filters (replace all); repeat for several'),
    examples: [
      "switchboard subscriptions update 0c3f9a1e-… --filter '/restapi/v1.0/account/~/extension/~/message-store'",
      'switchboard subscriptions update 0c3f9a1e-… --expires-in 86400',
      'switchboard subscriptions update 0c3f9a1e-… --address https://hooks.example.com/rc',
    ],
    run: (ctx: CommandContext<WriteFlags>, id: string) => {
      const { filter, address, verificationToken, expiresIn } = ctx.flags;
      if (
        filter === undefined &&
        address === undefined &&
        verificationToken === undefined &&
        expiresIn === undefined
      )
        throw new UsageError(
          'nothing to update',
          'Give --filter, --address, --verification-token or --expires-in.',
        );
      const deliveryMode = {
        ...(address !== undefined ? { address } : {}),
        ...(verificationToken !== undefined ? { verificationToken } : {}),
      };
      const body = {
        ...(filter !== undefined ? { eventFilters: filter } : {}),
        ...(expiresIn !== undefined ? { expiresIn } : {}),
        ...(Object.keys(deliveryMode).length > 0 ? { deliveryMode } : {}),
      };
      return ctx.client().put<SubscriptionInfo>(`${RC}/${encodeURIComponent(id)}`, body);
    },
    text: (ctx, updated) => {
      ctx.print(`${ctx.style.green('Updated')} subscription ${ctx.style.bold(updated.id)}`);
      ctx.print(describeSubscription(updated, ctx.style));
      printWarnings(ctx, updated);
    },
  });
}

function renewCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'renew',
    arguments: [['<id>', 'subscription id']],
    description: 'Renew for its lifetime again (a Blacklisted one is handshaken and reactivated)',
    examples: ['switchboard subscriptions renew 0c3f9a1e-5b7d-4c1e-9f3a-2b6d8e0a1c4f'],
    run: (ctx, id: string) => ctx.client().post<SubscriptionInfo>(`${RC}/${encodeURIComponent(id)}/renew`),
    text: (ctx, renewed) =>
      ctx.print(
        `${ctx.style.green('Renewed')} subscription ${ctx.style.bold(renewed.id)}: ${statusText(renewed.status, ctx.style)}, expires in ${formatSeconds(renewed.expiresIn)}`,
      ),
  });
}

function deleteCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'delete',
    alias: 'rm',
    arguments: [['<id...>', 'subscription ids']],
    description: 'Delete subscriptions: they stop receiving at once',
    examples: [
      'switchboard subscriptions delete 0c3f9a1e-5b7d-4c1e-9f3a-2b6d8e0a1c4f',
      "switchboard subscriptions list --status Active --json | jq -r '.records[].id' | xargs switchboard subscriptions delete",
    ],
    run: async (ctx, ids: string[]) => {
      for (const id of ids) {
        await ctx.client().delete(`${RC}/${encodeURIComponent(id)}`);
        if (!ctx.json) ctx.print(`${ctx.style.green('Deleted')} subscription ${id}`);
      }
      return { deleted: ids };
    },
  });
}

function printWarnings(ctx: CommandContext, info: SubscriptionInfo): void {
  for (const warning of info.warnings ?? []) ctx.note(ctx.errStyle.yellow(`Warning: ${warning}`));
}
