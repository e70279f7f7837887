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
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
}
