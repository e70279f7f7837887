import { type ChildProcess, type ChildProcessByStdio, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  token: string;
  output: () => string;
}

/**
 * Runs `switchboard serve` as a child process on port 0 and waits for its banner, so tests can
 * SIGKILL a real server. Bounded: fails after 30 s without a banner. `database` (a postgres://
 * URL) is passed as `--database`; several processes may then share one database, and the admin
 * token is read from `dataDir`, where the first of them wrote it.
 */
export function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
  database?: string,
): Promise<ServerProcess> {
  const { child, output } = spawnCli(
    ['serve', '--port', '0', '--data-dir', dataDir, ...(database ? ['--database', database] : [])],
    { SWITCHBOARD_LOG_LEVEL: 'warn', ...env },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within 30 s:\n${output()}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before starting:\n${output()}`));
    });
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(output());
      if (!m?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
      resolve({ child, url: m[1], token, output });
    });
  });
}

export function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Spawns `switchboard <args>` from the sources (through tsx) with `env` over this process's
 * environment; `output()` is everything it has written on stdout and stderr so far.
 */
export function spawnCli(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcessByStdio<null, Readable, Readable>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return { child, output: () => out };
}
