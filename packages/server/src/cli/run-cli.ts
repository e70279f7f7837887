import { type Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
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
  const program = createProgram(io);
  forEachCommand(program, (command) =>
    command
      .exitOverride()
      .showHelpAfterError('(add --help for usage and examples)')
      .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        writeErr: (text) => io.stderr.write(text),
      }),
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    // `serve --production` writes JSON lines only, its errors too (docs/reliability.md).
    return report(err, io, argv.includes('--json') || (argv[0] === 'serve' && isProduction(argv, io)));
  }
}

function report(err: unknown, io: CliIo, json: boolean): number {
  // Commander has already printed its own message (or the help).
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  const style = styleFor(io.stderr, io.env);
  if (err instanceof ConfigError) {
    io.stderr.write(`${style.red('Error:')} ${err.message}\n`);
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
  io.stderr.write(`${style.red('Unexpected error:')} ${(err as Error)?.stack ?? String(err)}\n`);
  return EXIT.serverError;
}

function isProduction(argv: string[], io: CliIo): boolean {
  return argv.includes('--production') || io.env.SWITCHBOARD_MODE === 'production';
}

function forEachCommand(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const sub of command.commands) forEachCommand(sub, apply);
}
