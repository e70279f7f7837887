import { randomBytes } from 'node:crypto';
import { type Command, InvalidArgumentError } from 'commander';
import { InterruptedError, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { apiCommand } from '../command-builder.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import { ApiClient } from '../connection/api-client.js';
import { ProgressBar } from '../trigger/progress-bar.js';
import { type PublishedEvent, publishPaced } from '../trigger/publish-paced.js';
import { resolveOwner } from '../trigger/resolve-owner.js';
import type { Direction, TriggerInput } from '../trigger/trigger-input.js';
import { TRIGGER_KINDS, type TriggerKind } from '../trigger/trigger-kinds.js';
import { chosenKind, customData, drafts, fixtureInput } from '../trigger/trigger-source.js';
import { collect, integer, positiveNumber } from './option-parsers.js';

/** The far party and the extension's own number when none are given. */
const EXTERNAL_NUMBER = '+16505550123';
const OWN_NUMBER = '+16505550100';
/** Runs longer than this print a summary instead of one line per event. */
const LINES_SHOWN = 20;
const BATCH_SIZE = 100;
const E164 = /^\+[1-9]\d{1,14}$/;

interface TriggerFlags extends GlobalFlags {
  account?: string;
  extension?: string;
  from?: string;
  to?: string;
  direction?: Direction;
  text?: string;
  count: number;
  rate?: number;
  fixture?: string;
  set?: string[];
  data?: string;
}

/** `switchboard trigger <kind>`: publishes realistic RingCentral events (ringcentral-protocol.md §5.4). */
export function triggerCommand(io: CliIo): Command {
  const width = Math.max(...TRIGGER_KINDS.map((k) => k.name.length));
  // Each kind with its event filter on the line below, as docs/cli.md "trigger" lists them.
  const kinds = TRIGGER_KINDS.map(
    (k) => `  ${k.name.padEnd(width)}  ${k.description}\n  ${' '.repeat(width)}  ${k.filter}`,
  ).join('\n');
  return apiCommand(io, {
    name: 'trigger',
    arguments: [['[kind]', 'what happened (see the list below); none with --fixture']],
    description:
      'Publish realistic RingCentral events, for your subscriptions (and `switchboard listen`) to receive',
    options: (command) =>
      command
        .option('--account <id>', "account id (default: the token's own; 1001 on a fresh local server)")
        .option('--extension <id>', "extension id (default: the token's own; 2001 on a fresh local server)")
        .option(
          '--from <number>',
          `caller or sender, E.164 (default: ${EXTERNAL_NUMBER} inbound, ${OWN_NUMBER} outbound)`,
        )
        .option(
          '--to <number>',
          `callee or recipient, E.164 (default: ${OWN_NUMBER} inbound, ${EXTERNAL_NUMBER} outbound)`,
        )
        .option(
          '--direction <direction>',
          'Inbound or Outbound: the call or message direction (default Inbound)',
          direction,
        )
        .option('--text <text>', 'the SMS or post text')
        .option(
          '-n, --count <n>',
          'how many times (each with fresh ids and a higher sequence)',
          integer(1, 1_000_000),
          1,
        )
        .option(
          '--rate <per-second>',
          'publish at most this many events per second (default: as fast as possible)',
          positiveNumber,
        )
        .option(
          '--fixture <file|dir>',
          'replay what `listen --record` wrote: one fixture, or all in a directory in order (fresh uuid and times)',
        )
        .option('--set <body.path=value>', 'set one body field; repeat for several', collect)
        .option(
          '--data <json|@file>',
          'a JSON object laid over the generated body (@file.json reads a file)',
        ),
    help: `\nKinds:\n${kinds}`,
    examples: [
      'switchboard trigger presence-detailed',
      'switchboard trigger sms-inbound --from +14155550123 --text "Running late"',
      'switchboard trigger telephony-session --direction Outbound --to +14155550123',
      'switchboard trigger team-messaging-post --text "Deploy finished"',
      'switchboard trigger message-store --count 1000 --rate 200      # load, with a progress bar',
      'switchboard trigger presence --account 3001 --extension 4001 --token $PUBLISHER_TOKEN',
      'switchboard trigger presence --set body.presenceStatus=Busy --set body.dndStatus=DoNotAcceptAnyCalls',
      'switchboard trigger sms-inbound --data @my-sms.json',
      'switchboard trigger --fixture fixtures/2026-12-01T09-30-00-000Z-presence-1a2b3c4d.json',
      'switchboard trigger --fixture fixtures/       # the whole recorded session, in order',
    ],
    // It prints as events are published, and its own JSON summary.
    run: (ctx: CommandContext<TriggerFlags>, kind: string | undefined) => runTrigger(ctx, kind),
  });
}

async function runTrigger(ctx: CommandContext<TriggerFlags>, name: string | undefined): Promise<void> {
  const { flags, io } = ctx;
  const custom = await customData(flags, io.cwd);
  const kind = await chosenKind(name, flags.fixture, io.cwd);
  const base = kind.fixture ? fixtureInput(kind.fixture) : await triggerInput(ctx, kind);
  const { count, rate } = ctx.flags;
  const total = count * kind.size;
  const printLines = !ctx.json && total <= LINES_SHOWN;
  if (!ctx.json) {
    ctx.print(
      `Triggering ${ctx.style.bold(kind.name)}${count > 1 ? ` ×${count}` : ''} for account ${base.accountId}, extension ${base.extensionId}`,
    );
  }
  const published: PublishedEvent[] = [];
  let matched = 0;
  const bar =
    !ctx.json && ProgressBar.wanted(ctx.io.stderr, total, rate)
      ? new ProgressBar(ctx.io.stderr, total)
      : null;
  const started = Date.now();
  // Ctrl-C stops between batches (publishPaced watches the signal); the batch in flight completes,
  // so the summary counts exactly what was published.
  const client = new ApiClient(ctx.client().connection, new AbortController().signal);
  const { interrupted } = await publishPaced(client, drafts(kind, base, count, custom), {
    rate,
    // One event per request for a single trigger: the events of a call commit, and are sent, in order.
    batchSize: count === 1 ? 1 : BATCH_SIZE,
    runId: `trigger-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
    signal: ctx.io.signal,
    onPublished: (events) => {
      for (const e of events) {
        published.push(e);
        matched += e.matched;
        if (printLines) ctx.print(eventLine(ctx, e));
      }
      bar?.update(published.length, matched);
    },
  });
  bar?.update(published.length, matched, true);
  bar?.clear();
  const durationMs = Date.now() - started;
  if (ctx.json) {
    ctx.printJson({
      kind: kind.name,
      accountId: base.accountId,
      extensionId: base.extensionId,
      published: published.length,
      matched,
      durationMs,
      ...(interrupted ? { interrupted: true } : {}),
      events: published.map(({ id, event, matched: m }) => ({ id, event, matched: m })),
    });
  } else printSummary(ctx, published.length, matched, durationMs, printLines);
  if (interrupted) throw new InterruptedError();
}

/** What every event of the run shares: whose it is, the direction and the parties' numbers. */
async function triggerInput(
  ctx: CommandContext<TriggerFlags>,
  kind: TriggerKind,
): Promise<Omit<TriggerInput, 'n'>> {
  const direction = directionOf(kind, ctx.flags.direction);
  for (const [flag, value] of [
    ['--from', ctx.flags.from],
    ['--to', ctx.flags.to],
  ] as const) {
    if (value !== undefined && !E164.test(value))
      throw new UsageError(`${flag} ${value} is not an E.164 number`, 'Write it like +16505550123.');
  }
  const owner = await resolveOwner(ctx.client(), ctx.flags);
  const inbound = direction === 'Inbound';
  return {
    ...owner,
    direction,
    from: ctx.flags.from ?? (inbound ? EXTERNAL_NUMBER : OWN_NUMBER),
    to: ctx.flags.to ?? (inbound ? OWN_NUMBER : EXTERNAL_NUMBER),
    text: ctx.flags.text,
    now: Date.now(),
  };
}

/** `--direction`, in any letter case. */
function direction(value: string): Direction {
  const lower = value.toLowerCase();
  if (lower === 'inbound') return 'Inbound';
  if (lower === 'outbound') return 'Outbound';
  throw new InvalidArgumentError('must be Inbound or Outbound.');
}

function directionOf(kind: TriggerKind, asked: Direction | undefined): Direction {
  if (kind.fixedDirection) {
    if (asked !== undefined && asked !== kind.fixedDirection) {
      const other = kind.fixedDirection === 'Inbound' ? 'sms-outbound' : 'sms-inbound';
      throw new UsageError(`${kind.name} is always ${kind.fixedDirection}: use ${other}`);
    }
    return kind.fixedDirection;
  }
  return asked ?? 'Inbound';
}

function eventLine(ctx: CommandContext, e: PublishedEvent): string {
  const s = ctx.style;
  const matched = e.matched > 0 ? s.green(`matched ${e.matched}`) : s.yellow('matched 0');
  return `  ${e.id}  ${matched}  ${e.label ? `${e.label.padEnd(14)}  ` : ''}${s.dim(e.event)}`;
}

function printSummary(
  ctx: CommandContext,
  published: number,
  matched: number,
  durationMs: number,
  listed: boolean,
): void {
  const seconds = durationMs / 1000;
  const rate = seconds > 0 ? ` (${Math.round(published / seconds)}/s)` : '';
  ctx.print(
    `${ctx.style.green('Published')} ${published} event${published === 1 ? '' : 's'} in ${durationMs < 1000 ? `${durationMs} ms` : `${seconds.toFixed(1)} s${rate}`}: ${matched} deliver${matched === 1 ? 'y' : 'ies'}`,
  );
  if (!listed) ctx.print(ctx.style.dim('Event ids: add --json to list them all.'));
  if (published > 0 && matched === 0) {
    ctx.note(
      ctx.errStyle.dim(
        'No subscription matched. Run `switchboard listen` in another terminal, or ask why with `switchboard events explain <id>`.',
      ),
    );
  }
}
