/** Where a command writes. Tests pass strings collectors; `processIo()` the real streams. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Everything a command touches outside itself, injected so commands run in tests without a
 * terminal.
 */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM: long-running commands (listen, trigger) stop and clean up. */
  signal: AbortSignal;
}

/**
 * The process's streams and environment. The first Ctrl-C (or SIGTERM) aborts `signal` so the
 * command can clean up (listen deletes its subscription); a second one exits at once.
 */
export function processIo(): CliIo {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (name: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) process.exit(130);
    controller.abort(name);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The reader went away (`switchboard --help | head -1`, a log pipe that died): the command
  // stops as after Ctrl-C, cleaning up, instead of dying on the write with an EPIPE stack trace.
  // Writes after that one fail on the closed stream the same way and are dropped the same way.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && !process.stdout.destroyed) throw err;
    if (!controller.signal.aborted) controller.abort('EPIPE');
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
}
