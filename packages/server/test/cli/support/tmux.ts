import { execFileSync, spawnSync } from 'node:child_process';

/** Whether Debian's tmux is installed (`.ci/run` installs it). */
export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

/**
 * A tmux server of its own (`-L <socket>`), so a test never touches a developer's sessions, with
 * one window of `width`×`height` running bash. `kill()` ends that server and everything in it.
 */
export class Tmux {
  private constructor(
    private readonly socket: string,
    readonly session: string,
  ) {}

  static start(options: { cwd: string; width: number; height: number }): Tmux {
    const tmux = new Tmux(`switchboard-test-${process.pid}-${Date.now()}`, 'switchboard');
    tmux.run([
      'new-session',
      '-d',
      '-s',
      tmux.session,
      '-x',
      String(options.width),
      '-y',
      String(options.height),
      '-c',
      options.cwd,
      'bash --noprofile --norc',
    ]);
    return tmux;
  }

  /** Splits the window; the new pane (index 1, 2, …) runs bash too. */
  split(cwd: string): void {
    this.run(['split-window', '-v', '-t', this.session, '-c', cwd, 'bash --noprofile --norc']);
  }

  /** Types `line` into pane `pane` and presses Enter, as a person would. */
  type(pane: number, line: string): void {
    this.run(['send-keys', '-t', `${this.session}:0.${pane}`, '-l', line]);
    this.run(['send-keys', '-t', `${this.session}:0.${pane}`, 'Enter']);
  }

  /** Presses Ctrl-C in pane `pane`. */
  interrupt(pane: number): void {
    this.run(['send-keys', '-t', `${this.session}:0.${pane}`, 'C-c']);
  }

  /** The text on pane `pane`'s screen now (`tmux capture-pane -p`), scrollback included. */
  capture(pane: number): string {
    return this.run(['capture-pane', '-p', '-J', '-S', '-200', '-t', `${this.session}:0.${pane}`]);
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
  }

  private run(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }
}
