import type { Command } from 'commander';
import { UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { apiCommand, commandGroup } from '../command-builder.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import { lastOutcome, stateText } from '../output/describe-deliveries.js';
import { formatFields, formatTable } from '../output/format-table.js';
import { parseSince, shortIso } from '../output/format-time.js';
import type { DeliveryDetail } from './api-types.js';
import { deliveriesListCommand } from './deliveries-list.js';
import { deliveriesRedeliverCommand } from './deliveries-redeliver.js';

interface RecoverFlags extends GlobalFlags {
  since: string;
}

/** `switchboard deliveries list|get|redeliver|recover`. */
export function deliveriesCommand(io: CliIo): Command {
  return commandGroup({
    name: 'deliveries',
    alias: 'delivery',
    description: 'Inspect deliveries (one notification to one subscription) and send them again',
    subcommands: [
      deliveriesListCommand(io),
      getCommand(io),
      deliveriesRedeliverCommand(io),
      recoverCommand(io),
    ],
    examples: [
      'switchboard deliveries list',
      'switchboard deliveries list --state dead',
      'switchboard deliveries get 9b1e…',
      'switchboard deliveries redeliver 9b1e…',
      'switchboard deliveries redeliver --state dead --since 2h',
      'switchboard deliveries recover 0c3f… --since 2h',
    ],
  });
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
