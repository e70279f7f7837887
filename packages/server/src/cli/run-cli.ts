import { type Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { hoistGlobalOptions } from './hoist-global-options.js';
import { styleFor } from './output/style.js';
import { createProgram } from './program.js';

/**
 * Runs `switchboard <argv>` and resolves with the exit code (docs/cli.md "Output, errors and exit codes"). Nothing
 * here calls process.exit: the same function runs the real CLI and in-process tests.
 *
 * @example
 * const code = await runCli(['subscriptions', 'list', '--json'], processIo());
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const args = hoistGlobalOptions(argv);
  const json = args.includes('--json');
  const program = createProgram(io);
  forEachCommand(program, (command) =>
    command
      .exitOverride()
      .showHelpAfterError(json ? false : '(add --help for usage and examples)')
      .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        // With --json, a usage error is printed once, as JSON, by report() below.
        writeErr: (text) => (json ? undefined : io.stderr.write(text)),
      }),
  );
  try {
    await program.parseAsync(args, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    // `serve --production` writes JSON lines only, its errors too (docs/reliability.md).
    return report(err, io, json || (args[0] === 'serve' && isProduction(args, io)));
  }
}

function report(err: unknown, io: CliIo, json: boolean): number {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return EXIT.ok;
    // Without --json commander has already printed its own message (or the help).
    if (json) writeJsonError(io, err.message.replace(/^error: /, ''), EXIT.usage);
    return EXIT.usage;
  }
  const style = styleFor(io.stderr, io.env);
  if (err instanceof ConfigError) {
    if (json) writeJsonError(io, err.message, EXIT.usage);
    else io.stderr.write(`${style.red('Error:')} ${err.message}\n`);
    return EXIT.usage;
  }
  if (err instanceof CliError) {
    if (json) io.stderr.write(`${JSON.stringify(err.toJson())}\n`);
    else {
      if (err.exitCode !== EXIT.interrupted) io.stderr.write(`${style.red('Error:')} ${err.message}\n`);
      if (err.hint) io.stderr.write(`${style.dim(err.hint)}\n`);
    }
    return err.exitCode;
  }
  // A bug in the CLI itself, not the server's answer: show everything.
  if (json) {
    writeJsonError(io, `Unexpected error: ${(err as Error)?.message ?? String(err)}`, EXIT.serverError);
    return EXIT.serverError;
  }
  io.stderr.write(`${style.red('Unexpected error:')} ${(err as Error)?.stack ?? String(err)}\n`);
  return EXIT.serverError;
}

/** The same shape as `CliError.toJson()`, for errors that are not CliErrors. */
function writeJsonError(io: CliIo, message: string, exitCode: number): void {
  io.stderr.write(`${JSON.stringify({ error: { message, exitCode } })}\n`);
}

function isProduction(argv: string[], io: CliIo): boolean {
  return argv.includes('--production') || io.env.SWITCHBOARD_MODE === 'production';
}

function forEachCommand(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const sub of command.commands) forEachCommand(sub, apply);
}
