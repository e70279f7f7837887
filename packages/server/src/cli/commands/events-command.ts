import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { apiCommand, commandGroup } from '../command-builder.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import { deliveriesTable } from '../output/describe-deliveries.js';
import { formatFields } from '../output/format-table.js';
import { shortIso } from '../output/format-time.js';
import { readJsonBody } from '../output/read-body.js';
import type { EventView, PublishAnswer } from './api-types.js';
import { eventsListCommand } from './events-list.js';

interface PublishFlags extends GlobalFlags {
  body?: string;
  bodyFile?: string;
  id?: string;
}

interface ExplainFlags extends GlobalFlags {
  subscription?: string;
}

/** `switchboard events list|publish|get|explain`. */
export function eventsCommand(io: CliIo): Command {
  return commandGroup({
    name: 'events',
    alias: 'event',
    description: 'Publish events and see where they went',
    subcommands: [eventsListCommand(io), publishCommand(io), getCommand(io), explainCommand(io)],
    examples: [
      'switchboard events list --since 1h',
      'switchboard events publish /restapi/v1.0/account/1001/extension/2001/presence --body \'{"presenceStatus":"Busy"}\'',
      'switchboard events get 5d0c…',
      'switchboard events explain 5d0c… --subscription 0c3f…',
    ],
  });
}

function publishCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'publish',
    arguments: [['<event>', 'the concrete event path, ids instead of `~`, attributes as a query string']],
    description: 'Publish one event with a body of your own (for ready-made RingCentral events: `trigger`)',
    options: (command) =>
      command
        .option('--body <json>', 'the event body, a JSON object')
        .option('--body-file <file>', 'read the body from a file (- for stdin)')
        .option('--id <id>', 'your idempotency id: publishing the same id again creates nothing'),
    examples: [
      'switchboard events publish /restapi/v1.0/account/1001/extension/2001/presence \\',
      '    --body \'{"extensionId":"2001","presenceStatus":"Busy"}\'',
      "switchboard events publish '/restapi/v1.0/account/1001/extension/2001/message-store?type=SMS' --body-file change.json",
      'cat body.json | switchboard events publish /restapi/v1.0/glip/posts --body-file - --id post-42',
    ],
    run: async (ctx: CommandContext<PublishFlags>, event: string) => {
      const body = await readJsonBody(io, ctx.flags);
      return ctx
        .client()
        .post<PublishAnswer>('/v1/events', { event, body, ...(ctx.flags.id ? { id: ctx.flags.id } : {}) });
    },
    text: (ctx, answer) => {
      for (const warning of answer.warnings ?? []) ctx.note(ctx.errStyle.yellow(`Warning: ${warning}`));
      for (const published of answer.events) {
        ctx.print(
          `${ctx.style.green('Published')} event ${ctx.style.bold(published.id)}: matched ${published.matched} subscription${published.matched === 1 ? '' : 's'}`,
        );
        if (published.matched === 0)
          ctx.note(ctx.errStyle.dim(`Why not? switchboard events explain ${published.id}`));
      }
    },
  });
}

function getCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'get',
    arguments: [['<id>', 'event id']],
    description: 'Show an event, its body and its deliveries',
    examples: ['switchboard events get 5d0c4b2a-…', 'switchboard events get 5d0c4b2a-… --json | jq .body'],
    run: (ctx, id: string) => ctx.client().get<EventView>(`/v1/events/${encodeURIComponent(id)}`),
    text: printEvent,
  });
}

function printEvent(ctx: CommandContext, event: EventView): void {
  ctx.print(
    formatFields(
      [
        ['id', ctx.style.bold(event.id)],
        ['event', event.event],
        ['published', shortIso(event.createdAt)],
        ['publisher id', event.publisherId ?? '-'],
        ['matched', String(event.matched)],
      ],
      ctx.style,
    ),
  );
  ctx.print();
  ctx.print(JSON.stringify(event.body, null, 2));
  ctx.print();
  ctx.print(
    event.deliveries.length === 0
      ? 'No deliveries you can see.'
      : deliveriesTable(event.deliveries, ctx.style),
  );
}

function explainCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'explain',
    arguments: [['<id>', 'event id']],
    description:
      "Explain an event's matching: which subscriptions it reaches now, and why one does or does not",
    options: (command) =>
      command.option('--subscription <id>', 'say why this subscription matches the event or not'),
    examples: [
      'switchboard events explain 5d0c4b2a-…',
      "switchboard events explain 5d0c4b2a-… --subscription 0c3f9a1e-…   # why did (or didn't) it get this?",
    ],
    run: (ctx: CommandContext<ExplainFlags>, id: string) => {
      const query = new URLSearchParams({ explain: 'true' });
      if (ctx.flags.subscription) query.set('subscriptionId', ctx.flags.subscription);
      return ctx.client().get<EventView>(`/v1/events/${encodeURIComponent(id)}?${query}`);
    },
    text: printExplanation,
  });
}

function printExplanation(ctx: CommandContext, event: EventView): void {
  const explain = event.explain ?? { matched: [] };
  ctx.print(`Event ${ctx.style.bold(event.id)} ${event.event}`);
  ctx.print(`matched ${event.matched} when published; matches ${explain.matched.length} subscription(s) now`);
  for (const m of explain.matched) ctx.print(`  ${m.subscriptionId}  ${ctx.style.dim(m.filter)}`);
  const one = explain.subscription;
  if (!one) return;
  ctx.print();
  ctx.print(
    one.matched
      ? `${ctx.style.green('✔')} subscription ${one.id} matches, by filter ${one.filter ?? '?'}`
      : `${ctx.style.red('✘')} subscription ${one.id} does not match`,
  );
  for (const reason of one.reasons) ctx.print(`  - ${reason}`);
}
