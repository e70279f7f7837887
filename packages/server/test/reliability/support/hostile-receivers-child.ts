import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';

export interface HostileStats {
  hits: number;
  bytesWritten: number;
}

/** The hostile receivers, running in a child process; see hostile-receivers-process.ts. */
export interface HostileChild {
  receivers: Array<{ name: string; url: string }>;
  stats(): Promise<Record<string, HostileStats>>;
  close(): Promise<void>;
}

export async function forkHostileReceivers(): Promise<HostileChild> {
  const child: ChildProcess = fork(new URL('./hostile-receivers-process.ts', import.meta.url).pathname, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = async <T>(type: string): Promise<T> => {
    for (;;) {
      const [message] = (await once(child, 'message')) as [{ type: string } & T];
      if (message.type === type) return message;
    }
  };
  const ready = await Promise.race([
    next<{ receivers: Array<{ name: string; url: string }> }>('ready'),
    once(child, 'exit').then(() => {
      throw new Error('the hostile receivers process exited before it was ready');
    }),
  ]);
  return {
    receivers: ready.receivers,
    async stats() {
      const reply = next<{ stats: Record<string, HostileStats> }>('stats');
      child.send('stats');
      return (await reply).stats;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send('close');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
