import { type ChildProcess, spawn } from 'node:child_process';
import { userEnv } from './run-command.js';

/** A process that keeps running (a server), with what it printed so far. */
export interface LongRunning {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first. */
  waitFor: (pattern: RegExp) => Promise<RegExpExecArray>;
  /** Ends the process and everything it started (npx runs node as a child), then waits for it. */
  stop: () => Promise<void>;
}

/**
 * Starts `command` in a process group of its own, so that `stop()` reaches its children too and
 * the test leaves no process behind.
 */
export function startLongRunning(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): LongRunning {
  const child = spawn(command, args, {
    cwd,
    env: userEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const check of waiters) check();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const output = () => `${stdout}\n${stderr}`;
  return {
    child,
    output,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) {
            waiters.delete(check);
            resolve(match);
          }
        };
        waiters.add(check);
        check();
        void exited.then(() =>
          reject(new Error(`${command} exited before printing ${pattern}:\n${output()}`)),
        );
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        const group = -child.pid;
        signalGroup(group, 'SIGTERM');
        const killer = setTimeout(() => signalGroup(group, 'SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}

/** Signals a process group; one that is already gone is no error. */
function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(group, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
