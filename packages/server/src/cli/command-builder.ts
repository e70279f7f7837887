import { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { CommandContext, type GlobalFlags, withExamples } from './command-context.js';

/** What a command that talks to the API declares; the builder adds everything they share. */
export interface ApiCommandSpec<F extends GlobalFlags, A extends unknown[], R> {
  name: string;
  alias?: string;
  description: string;
  /** Positional arguments, `[syntax, description]`, e.g. `['<id...>', 'delivery ids']`. */
  arguments?: Array<[string, string]>;
  /** The command's own options; the connection options and `--json` come after them. */
  options?: (command: Command) => Command;
  /** More --help text, shown before the examples. */
  help?: string;
  examples: string[];
  /** A paragraph after the examples. */
  note?: string;
  /**
   * Does the work and returns what `--json` prints (nothing printed when it returns undefined: a
   * command that streams prints its own JSON).
   */
  run: (ctx: CommandContext<F>, ...args: A) => Promise<R>;
  /** Prints the result for people, when `--json` is not given. */
  text?: (ctx: CommandContext<F>, result: R) => void;
}

/**
 * One API command: its arguments and options, then `--server`, `--token`, `--data-dir` and
 * `--json`, the action (errors and exit codes are run-cli.ts's), `--json` output, and examples.
 *
 * @example
 * apiCommand(io, {
 *   name: 'get',
 *   arguments: [['<id>', 'event id']],
 *   description: 'Show an event',
 *   examples: ['switchboard events get 5d0c…'],
 *   run: (ctx, id: string) => ctx.client().get<EventView>(`/v1/events/${id}`),
 *   text: (ctx, event) => ctx.print(event.id),
 * });
 */
export function apiCommand<F extends GlobalFlags, A extends unknown[], R>(
  io: CliIo,
  spec: ApiCommandSpec<F, A, R>,
): Command {
  const command = new Command(spec.name);
  if (spec.alias) command.alias(spec.alias);
  for (const [syntax, description] of spec.arguments ?? []) command.argument(syntax, description);
  command.description(spec.description);
  withConnectionOptions(spec.options ? spec.options(command) : command);
  if (spec.help) command.addHelpText('after', spec.help);
  command.action(
    action(io, async (ctx: CommandContext<F>, ...args: A) => {
      const result = await spec.run(ctx, ...args);
      if (ctx.json) {
        if (result !== undefined) ctx.printJson(result);
      } else spec.text?.(ctx, result);
    }),
  );
  return withExamples(command, spec.examples, spec.note);
}

/** What a group of subcommands declares (`switchboard tokens create|list|revoke`). */
export interface CommandGroupSpec {
  name: string;
  alias: string;
  description: string;
  subcommands: Command[];
  examples: string[];
}

/** A command whose subcommands do the work: name, alias, description, subcommands, examples. */
export function commandGroup(spec: CommandGroupSpec): Command {
  const command = new Command(spec.name).alias(spec.alias).description(spec.description);
  for (const subcommand of spec.subcommands) command.addCommand(subcommand);
  return withExamples(command, spec.examples);
}

/** Adds --server, --token, --data-dir and --json to a command that talks to the API. */
function withConnectionOptions(command: Command): Command {
  return command
    .option('--server <url>', 'server URL (default: $SWITCHBOARD_URL, else http://127.0.0.1:8080)')
    .option('--token <token>', 'bearer token (default: $SWITCHBOARD_TOKEN, else the local admin token)')
    .option(
      '--data-dir <dir>',
      "the local server's data directory, holding admin-token (default ./.switchboard)",
    )
    .option('--json', 'print JSON for scripts instead of text');
}

/**
 * Wraps an action: commander passes the positional arguments, then the options, then the command.
 */
export function action<F extends GlobalFlags, A extends unknown[]>(
  io: CliIo,
  run: (ctx: CommandContext<F>, ...args: A) => Promise<void>,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const positional = args.slice(0, -2) as A;
    await run(new CommandContext(io, command.opts<F>()), ...positional);
  };
}
