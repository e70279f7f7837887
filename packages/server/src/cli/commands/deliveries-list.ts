import { type Command, InvalidArgumentError } from 'commander';
import { UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { apiCommand } from '../command-builder.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import { deliveriesTable } from '../output/describe-deliveries.js';
import { parseSince } from '../output/format-time.js';
import type { DeliveryView } from './api-types.js';
import { collect, integer } from './option-parsers.js';

export const DELIVERY_STATES = [
  'pending',
  'delivered',
  'dead',
  'expired',
] as const satisfies readonly DeliveryView['state'][];

/** The filters `deliveries list` and `deliveries redeliver` share, as the server-wide search takes them. */
export interface DeliveryFilterFlags extends GlobalFlags {
  subscription?: string;
  state?: string[];
  status?: string[];
  event?: string;
  since?: string;
  until?: string;
}

/** A repeatable option whose every value is one of `choices`. */
function oneOf(choices: readonly string[]) {
  return (value: string, previous: string[] | undefined): string[] => {
    if (!choices.includes(value)) throw new InvalidArgumentError(`must be one of ${choices.join(', ')}.`);
    return collect(value, previous);
  };
}

/** Adds the shared filter options to a command. */
export function withDeliveryFilters(command: Command): Command {
  return command
    .option('--subscription <id>', 'only this subscription')
    .option(
      `--state <state>`,
      `only deliveries in this state: ${DELIVERY_STATES.join(', ')} (repeatable)`,
      oneOf(DELIVERY_STATES),
    )
    .option(
      '--status <code>',
      'only those whose last attempt answered this HTTP status (repeatable)',
      collect,
    )
    .option('--event <path>', 'only events whose path starts with this, e.g. /restapi/v1.0/account/1001')
    .option('--since <time>', 'created since: ISO-8601, or an age like 30m, 2h, 7d')
    .option('--until <time>', 'created before: ISO-8601, or an age like 30m, 2h, 7d');
}

/** The filters as the API's fields (`since`/`until` resolved against the local clock). */
export function deliveryFilters(flags: DeliveryFilterFlags, now: number): Record<string, string | undefined> {
  const time = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const iso = parseSince(text, now);
    if (iso === null)
      throw new UsageError(`--${name} "${text}" is neither an ISO-8601 time nor an age like 2h`);
    return iso;
  };
  return {
    subscriptionId: flags.subscription,
    state: flags.state?.join(','),
    status: flags.status?.join(','),
    eventPath: flags.event,
    since: time('since', flags.since),
    until: time('until', flags.until),
  };
}

interface ListFlags extends DeliveryFilterFlags {
  limit: number;
  pageToken?: string;
}

interface SearchPage {
  records: DeliveryView[];
  navigation: { nextPageToken?: string };
}

/**
 * `switchboard deliveries list`: one request to the server-wide search (`GET /v1/deliveries`),
 * whatever the number of subscriptions, so production rate limits never break it.
 */
export function deliveriesListCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'list',
    alias: 'ls',
    description: 'List deliveries, newest first, across every subscription you can see',
    options: (command) =>
      withDeliveryFilters(command)
        .option('--limit <n>', 'at most this many (1-1000)', integer(1, 1000), 20)
        .option('--page-token <token>', 'the next page: the token the previous page printed'),
    examples: [
      'switchboard deliveries list',
      'switchboard deliveries list --state dead --since 2h --limit 100',
      'switchboard deliveries list --status 500 --status 503 --event /restapi/v1.0/account/1001',
    ],
    run: async (ctx: CommandContext<ListFlags>) => {
      const query = new URLSearchParams({ perPage: String(ctx.flags.limit) });
      for (const [key, value] of Object.entries(deliveryFilters(ctx.flags, Date.now())))
        if (value !== undefined) query.set(key, value);
      if (ctx.flags.pageToken) query.set('pageToken', ctx.flags.pageToken);
      const page = await ctx.client().get<SearchPage>(`/v1/deliveries?${query}`);
      const next = page.navigation.nextPageToken;
      return { records: page.records, ...(next ? { nextPageToken: next } : {}) };
    },
    text: (ctx, page) => {
      if (page.records.length === 0) return ctx.print('No deliveries.');
      ctx.print(deliveriesTable(page.records, ctx.style, ctx.flags.subscription === undefined));
      if (page.nextPageToken) ctx.note(ctx.errStyle.dim(`More: --page-token ${page.nextPageToken}`));
    },
  });
}
