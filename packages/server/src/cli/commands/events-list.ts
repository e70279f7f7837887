import type { Command } from 'commander';
import { ServerError, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { apiCommand } from '../command-builder.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import type { ApiClient } from '../connection/api-client.js';
import { formatTable } from '../output/format-table.js';
import { parseSince, shortIso } from '../output/format-time.js';
import type { DeliveryView, EventView, SubscriptionHealth } from './api-types.js';
import { integer } from './option-parsers.js';

interface ListFlags extends GlobalFlags {
  subscription?: string;
  eventPath?: string;
  since?: string;
  limit: number;
}

/** One event in a list: the fields of `GET /v1/events`' records. */
export interface EventSummary {
  id: string;
  event: string;
  publisherId: string | null;
  createdAt: string;
  matched: number;
}

/** `switchboard events list`: recent events, newest first. */
export function eventsListCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'list',
    alias: 'ls',
    description: 'List recent events, newest first, with how many subscriptions each matched',
    options: (command) =>
      command
        .option('--subscription <id>', 'only events delivered to this subscription')
        .option('--event-path <prefix>', 'only events whose path starts with this')
        .option('--since <time>', 'only events since then: 30m, 2h, 1d or an ISO-8601 time')
        .option('--limit <n>', 'at most this many (1-1000)', integer(1, 1000), 20),
    examples: [
      'switchboard events list',
      'switchboard events list --event-path /restapi/v1.0/account/1001/extension/2001/presence --since 1h',
      "switchboard events list --json | jq -r '.records[] | select(.matched == 0) | .id'",
    ],
    run: async (ctx: CommandContext<ListFlags>) => {
      const since = ctx.flags.since === undefined ? undefined : parseSince(ctx.flags.since, Date.now());
      if (since === null)
        throw new UsageError(`--since ${ctx.flags.since}: give 30m, 2h, 1d or an ISO-8601 time`);
      return { records: await listEvents(ctx.client(), { ...ctx.flags, since }) };
    },
    text: (ctx, { records }) => {
      if (records.length === 0) return ctx.print('No events.');
      ctx.print(
        formatTable(
          ['ID', 'PUBLISHED', 'MATCHED', 'EVENT'],
          records.map((e) => [e.id, shortIso(e.createdAt), String(e.matched), e.event]),
          ctx.style,
        ),
      );
    },
  });
}

interface ListQuery {
  subscription?: string | undefined;
  eventPath?: string | undefined;
  since?: string | undefined;
  limit: number;
}

/**
 * The server-wide search `GET /v1/events` where the server has it; on a server without it (it
 * answers SWB-106, no such route) the events are gathered from the deliveries of the
 * subscriptions the token sees, so only events that reached a subscription are listed.
 */
async function listEvents(client: ApiClient, query: ListQuery): Promise<EventSummary[]> {
  const params = new URLSearchParams({ perPage: String(query.limit) });
  if (query.subscription) params.set('subscriptionId', query.subscription);
  if (query.eventPath) params.set('eventPath', query.eventPath);
  if (query.since) params.set('since', query.since);
  try {
    return (await client.get<{ records: EventSummary[] }>(`/v1/events?${params}`)).records;
  } catch (err) {
    if (!(err instanceof ServerError && err.errorCode === 'SWB-106')) throw err;
    return eventsFromDeliveries(client, query);
  }
}

async function eventsFromDeliveries(client: ApiClient, query: ListQuery): Promise<EventSummary[]> {
  const ids =
    query.subscription !== undefined
      ? [query.subscription]
      : (await client.get<{ records: SubscriptionHealth[] }>('/v1/subscriptions')).records.map((s) => s.id);
  const deliveries: DeliveryView[] = [];
  for (const id of ids) {
    const page = await client.get<{ records: DeliveryView[] }>(
      `/v1/subscriptions/${encodeURIComponent(id)}/deliveries?limit=500`,
    );
    deliveries.push(...page.records);
  }
  deliveries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const events: EventSummary[] = [];
  const seen = new Set<string>();
  for (const delivery of deliveries) {
    if (events.length >= query.limit) break;
    if (seen.has(delivery.eventId) || (query.since && delivery.createdAt < query.since)) continue;
    seen.add(delivery.eventId);
    const event = await client.get<EventView>(`/v1/events/${encodeURIComponent(delivery.eventId)}`);
    if (query.eventPath && !event.event.startsWith(query.eventPath)) continue;
    const { id, publisherId, createdAt, matched } = event;
    events.push({ id, event: event.event, publisherId, createdAt, matched });
  }
  return events;
}
