import type { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { ApiClient } from './connection/api-client.js';
import { type ConnectionFlags, resolveConnection } from './connection/resolve-connection.js';
import { PLAIN, type Style, styleFor } from './output/style.js';

/** The options every API command takes (docs/cli.md "Options every command takes"). */
export interface GlobalFlags extends ConnectionFlags {
  json?: boolean;
}

/** Adds an "Examples:" section to a command's --help. */
export function withExamples(command: Command, examples: string[], note?: string): Command {
  // `# comments`, blank lines and indented continuation lines get no prompt.
  const lines = examples.map((e) => (/^(#|\s|$)/.test(e) ? `  ${e}` : `  $ ${e}`));
  return command.addHelpText('after', `\nExamples:\n${lines.join('\n')}${note ? `\n\n${note}` : ''}`);
}

/**
 * What an action gets: its flags, the streams, styling and (lazily, so `--help` and usage errors
 * never need a server) an API client.
 */
export class CommandContext<F extends GlobalFlags = GlobalFlags> {
  readonly style: Style;
  readonly errStyle: Style;
  #client: ApiClient | null = null;

  constructor(
    readonly io: CliIo,
    readonly flags: F,
  ) {
    this.style = flags.json ? PLAIN : styleFor(io.stdout, io.env);
    this.errStyle = styleFor(io.stderr, io.env);
  }

  get json(): boolean {
    return this.flags.json === true;
  }

  client(): ApiClient {
    this.#client ??= new ApiClient(resolveConnection(this.flags, this.io.env, this.io.cwd), this.io.signal);
    return this.#client;
  }

  /** A line (or lines) on stdout. */
  print(text = ''): void {
    this.io.stdout.write(`${text}\n`);
  }

  /** Pretty JSON on stdout, for --json. */
  printJson(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A warning or a side note on stderr, so stdout stays clean for pipes. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }
}
