import { type ChildProcess, spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { waitFor } from '../../helpers/wait-for.js';

export const ROOT = new URL('../../../../../', import.meta.url).pathname;
export const MAIN = new URL('../../../src/cli/main.ts', import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The parent's environment without SWITCHBOARD_* (a developer's own settings must not leak in). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SWITCHBOARD_')) env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

/**
 * Runs `switchboard <args>` as a real process (`node --import tsx src/cli/main.ts`), as a user
 * would, and resolves when it exits. Bounded: killed after `timeoutMs`.
 */
export function runCliProcess(
  args: string[],
  options: {
    env?: Record<string, string>;
    cwd?: string;
    input?: string;
    timeoutMs?: number;
    /** Close stdout's reader before the command writes, as `| true` does. */
    closeStdout?: boolean;
  } = {},
): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: cleanEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (options.closeStdout) child.stdout?.destroy();
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdin?.end(options.input ?? '');
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`switchboard ${args.join(' ')} did not exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`),
      );
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      // 'exit' can come before the pipes are drained.
      setImmediate(() => resolve({ code, stdout, stderr }));
    });
  });
}

/** A long-running `switchboard` process (listen), with its output so far. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  waitForOutput(pattern: RegExp, what: string, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Sends `signal` and resolves with the exit code. Bounded. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startCliProcess(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    async waitForOutput(pattern, what, timeoutMs = 30_000) {
      let match: RegExpExecArray | null = null;
      await waitFor(
        () => {
          if (child.exitCode !== null)
            throw new Error(`switchboard exited (${child.exitCode}) before ${what}:\n${out}\n${err}`);
          match = pattern.exec(out);
          return match !== null;
        },
        `${what}; output so far:\n${out}\n${err}`,
        timeoutMs,
      );
      return match as unknown as RegExpExecArray;
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** A string sink that looks like a stream to the CLI. */
class Collector {
  text = '';
  isTTY = false;
  constructor(private readonly onText?: (text: string) => void) {}
  write(chunk: string): boolean {
    this.text += chunk;
    this.onText?.(this.text);
    return true;
  }
}

/**
 * Runs the CLI in this process through `runCli` with collected output: the same code path as the
 * binary, without a process start, for tests that run many commands.
 */
export async function runCliInProcess(
  args: string[],
  env: Record<string, string>,
  options: { signal?: AbortSignal; stdin?: string; onStdout?: (text: string) => void } = {},
): Promise<CliResult> {
  const stdout = new Collector(options.onStdout);
  const stderr = new Collector();
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const io: CliIo = {
    stdout,
    stderr,
    stdin,
    env: { NO_COLOR: '1', ...env },
    cwd: ROOT,
    signal: options.signal ?? new AbortController().signal,
  };
  const code = await runCli(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
