import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on every usual Linux). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function once<T>(child: ChildProcess, type: string, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no '${type}' from child within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
  });
}

export interface ReceiverStats {
  received: number;
  latencies: number[];
  duplicates: number;
}

/** The benchmark receiver (lib/receiver.ts) in a child process. */
export class ReceiverProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<ReceiverProcess> {
    const child = fork(join(ROOT, 'bench/lib/receiver.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await once<{ port: number }>(child, 'ready');
    return new ReceiverProcess(child, ready.port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async stats(): Promise<ReceiverStats> {
    const reply = once<ReceiverStats>(this.child, 'stats');
    this.child.send({ cmd: 'stats' });
    return reply;
  }

  async reset(): Promise<void> {
    const reply = once(this.child, 'reset');
    this.child.send({ cmd: 'reset' });
    await reply;
  }

  /** Waits until `received` reaches `count` (bounded), returning the final stats. */
  async waitFor(count: number, timeoutMs: number): Promise<ReceiverStats & { timedOut: boolean }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.stats();
      if (s.received >= count) return { ...s, timedOut: false };
      if (Date.now() > deadline) return { ...s, timedOut: true };
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    this.child.kill('SIGKILL');
    await new Promise((r) => this.child.once('exit', r));
  }
}

export interface ServerOptions {
  database?: string;
  env?: Record<string, string>;
}

/** `switchboard serve` in a child process on port 0 with a fresh data directory. */
export class ServerProcess {
  private peakRss = 0;
  private rssTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly token: string,
    readonly dataDir: string,
    private readonly ownsDataDir: boolean,
  ) {}

  static async start(options: ServerOptions & { dataDir?: string } = {}): Promise<ServerProcess> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
    // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const fromDist = process.env.BENCH_SERVER_DIST === '1';
    const args = [
      ...nodeArgs,
      ...(fromDist
        ? [join(ROOT, 'packages/server/dist/cli/main.js')]
        : ['--import', 'tsx', join(ROOT, 'packages/server/src/cli/main.ts')]),
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ];
    if (options.database) args.push('--database', options.database);
    const child = spawn(process.execPath, args, {
      env: { ...process.env, SWITCHBOARD_LOG_LEVEL: 'warn', ...options.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)));
    });
    child.stdout?.resume();
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    return new ServerProcess(child, url, token, dataDir, options.dataDir === undefined);
  }

  /** Samples the server's resident set size (Linux /proc) every 100 ms; returns the peak so far. */
  watchRss(): void {
    this.rssTimer = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        this.peakRss = Math.max(this.peakRss, kb * 1024);
      } catch {
        // process gone
      }
    }, 100);
    this.rssTimer.unref();
  }

  /**
   * CPU the server process has used so far (µs, user and system) from /proc/<pid>/stat: the whole
   * process, every thread of it (worker threads included), at the clock-tick resolution (10 ms).
   */
  cpuMicros(): { user: number; system: number } {
    const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const micros = (field: string | undefined) => (Number(field) / CLOCK_TICKS) * 1_000_000;
    return { user: micros(fields[11]), system: micros(fields[12]) }; // utime, stime: fields 14, 15 of proc(5)
  }

  get peakRssBytes(): number {
    return this.peakRss;
  }

  /**
   * SIGTERM: a graceful stop, which waits for requests in flight. `force` (SIGKILL) when nothing
   * after the measurement needs the server, e.g. requests hanging on a receiver that never answers
   * would hold a graceful stop for the whole delivery timeout.
   */
  async stop(options: { keepData?: boolean; force?: boolean } = {}): Promise<void> {
    if (this.rssTimer) clearInterval(this.rssTimer);
    this.child.kill(options.force ? 'SIGKILL' : 'SIGTERM');
    await new Promise((r) => (this.child.exitCode !== null ? r(null) : this.child.once('exit', r)));
    if (this.ownsDataDir && !options.keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
