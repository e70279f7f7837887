import { type Command, Option } from 'commander';
import { UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { apiCommand, commandGroup } from '../command-builder.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import { deliveriesTable, lastOutcome, stateText } from '../output/describe-deliveries.js';
import { formatFields, formatTable } from '../output/format-table.js';
import { parseSince, shortIso } from '../output/format-time.js';
import type { DeliveryDetail, DeliveryView, SubscriptionHealth } from './api-types.js';
import { integer } from './option-parsers.js';

const STATES = [
  'pending',
  'delivered',
  'dead',
  'expired',
] as const satisfies readonly DeliveryView['state'][];

interface ListFlags extends GlobalFlags {
  subscription?: string;
  state?: string;
  limit: number;
  before?: string;
}

interface RecoverFlags extends GlobalFlags {
  since: string;
}

/** `switchboard deliveries list|get|redeliver|recover`. */
export function deliveriesCommand(io: CliIo): Command {
  return commandGroup({
    name: 'deliveries',
    alias: 'delivery',
    description: 'Inspect deliveries (one notification to one subscription) and send them again',
    subcommands: [listCommand(io), getCommand(io), redeliverCommand(io), recoverCommand(io)],
    examples: [
      'switchboard deliveries list',
      'switchboard deliveries list --state dead',
      'switchboard deliveries get 9b1e…',
      'switchboard deliveries redeliver 9b1e…',
      'switchboard deliveries recover 0c3f… --since 2h',
    ],
  });
}

function listCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'list',
    alias: 'ls',
    description: 'List recent deliveries, newest first: of one subscription, or of all you can see',
    options: (command) =>
      command
        .option('--subscription <id>', 'only this subscription')
        .addOption(new Option('--state <state>', 'only deliveries in this state').choices(STATES))
        .option('--limit <n>', 'at most this many (1-500)', integer(1, 500), 20)
        .option('--before <delivery-id>', 'page: deliveries older than this one (with --subscription)'),
    examples: [
      'switchboard deliveries list',
      'switchboard deliveries list --state dead --limit 100',
      'switchboard deliveries list --subscription 0c3f9a1e-… --before 9b1e…',
    ],
    run: async (ctx: CommandContext<ListFlags>) => {
      const { subscription, state, limit, before } = ctx.flags;
      if (before !== undefined && subscription === undefined)
        throw new UsageError('--before pages through one subscription: give --subscription too');
      const query = new URLSearchParams({ limit: String(limit) });
      if (state) query.set('state', state);
      if (before) query.set('before', before);
      const ids =
        subscription !== undefined
          ? [subscription]
          : (await ctx.client().get<{ records: SubscriptionHealth[] }>('/v1/subscriptions')).records.map(
              (s) => s.id,
            );
      const all: DeliveryView[] = [];
      for (const id of ids) {
        const page = await ctx
          .client()
          .get<{ records: DeliveryView[] }>(
            `/v1/subscriptions/${encodeURIComponent(id)}/deliveries?${query}`,
          );
        all.push(...page.records);
      }
      const records = all.sort(newestFirst).slice(0, limit);
      if (!ctx.json && records.length === 0) {
        ctx.print('No deliveries.');
        if (ids.length === 0)
          ctx.note(ctx.errStyle.dim('There are no subscriptions yet: try `switchboard listen`.'));
      } else if (!ctx.json) ctx.print(deliveriesTable(records, ctx.style, subscription === undefined));
      return { records };
    },
  });
}

function newestFirst(a: DeliveryView, b: DeliveryView): number {
  return b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
}

function getCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'get',
    arguments: [['<id>', 'delivery id']],
    description: 'Show a delivery and every attempt (status, latency, error, response)',
    examples: ['switchboard deliveries get 9b1e…', 'switchboard deliveries get 9b1e… --json | jq .attempts'],
    run: (ctx, id: string) => ctx.client().get<DeliveryDetail>(`/v1/deliveries/${encodeURIComponent(id)}`),
    text: printDetail,
  });
}

function printDetail(ctx: CommandContext, detail: DeliveryDetail): void {
  const d = detail.delivery;
  const s = ctx.style;
  ctx.print(
    formatFields(
      [
        ['id', s.bold(d.id)],
        ['state', stateText(d.state, s)],
        ['notification uuid', d.uuid],
        ['event', `${d.eventId}  ${s.dim(d.filter)}`],
        ['subscription', d.subscriptionId],
        ['created', shortIso(d.createdAt)],
        ['attempts', `${d.attempts}, last: ${lastOutcome(d, s)}`],
        ...(d.state === 'pending' ? [['next attempt', shortIso(d.nextAttemptAt)] as [string, string]] : []),
      ],
      s,
    ),
  );
  if (detail.attempts.length === 0) return;
  ctx.print();
  const rows = detail.attempts.map((a) => [
    shortIso(a.time),
    a.status === null
      ? s.red('-')
      : a.status < 300 && a.status >= 200
        ? s.green(String(a.status))
        : s.red(String(a.status)),
    `${Math.round(a.latencyMs)} ms`,
    a.error ?? '',
    (a.responseSnippet ?? '').replace(/\s+/g, ' ').slice(0, 60),
  ]);
  ctx.print(formatTable(['TIME', 'STATUS', 'LATENCY', 'ERROR', 'RESPONSE'], rows, s));
}

function redeliverCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'redeliver',
    arguments: [['<id...>', 'delivery ids']],
    description: 'Send deliveries again now, with the same notification uuid (dead and expired ones too)',
    examples: [
      'switchboard deliveries redeliver 9b1e…',
      "switchboard deliveries list --state dead --json | jq -r '.records[].id' | xargs switchboard deliveries redeliver",
    ],
    run: async (ctx, ids: string[]) => {
      const queued: DeliveryView[] = [];
      for (const id of ids) {
        const { delivery } = await ctx
          .client()
          .post<{ delivery: DeliveryView }>(`/v1/deliveries/${encodeURIComponent(id)}/redeliver`);
        queued.push(delivery);
        if (!ctx.json)
          ctx.print(`${ctx.style.green('Queued')} delivery ${delivery.id} again (uuid ${delivery.uuid})`);
      }
      return { records: queued };
    },
  });
}

function recoverCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'recover',
    arguments: [['<subscription-id>', 'subscription id']],
    description: 'Queue again every dead or expired delivery of a subscription created since a time',
    options: (command) =>
      command.requiredOption('--since <time>', 'an ISO-8601 date or date-time, or an age: 30m, 2h, 7d'),
    examples: [
      'switchboard deliveries recover 0c3f9a1e-… --since 2h',
      'switchboard deliveries recover 0c3f9a1e-… --since 2026-01-08T09:00:00Z',
    ],
    run: async (ctx: CommandContext<RecoverFlags>, subscriptionId: string) => {
      const since = parseSince(ctx.flags.since, Date.now());
      if (since === null)
        throw new UsageError(`--since "${ctx.flags.since}" is neither an ISO-8601 time nor an age like 2h`);
      const answer = await ctx
        .client()
        .post<{ requeued: number }>(`/v1/subscriptions/${encodeURIComponent(subscriptionId)}/recover`, {
          since,
        });
      if (!ctx.json)
        ctx.print(
          `${ctx.style.green('Requeued')} ${answer.requeued} dead or expired deliver${answer.requeued === 1 ? 'y' : 'ies'} of subscription ${subscriptionId} since ${since}`,
        );
      return { ...answer, since };
    },
  });
}
