import type { OutputStream } from '../cli-io.js';

const WIDTH = 24;
const REDRAW_MS = 100;

/**
 * A one-line progress bar redrawn in place with `\r`, on a terminal only (never in a pipe or a
 * log). It writes to stderr, so stdout keeps only results.
 */
export class ProgressBar {
  #last = 0;
  #drawn = false;
  readonly #started = Date.now();

  constructor(
    private readonly stream: OutputStream,
    private readonly total: number,
  ) {}

  /** Whether a run of `total` events (at `rate` per second) deserves a bar on this stream. */
  static wanted(stream: OutputStream, total: number, rate: number | undefined): boolean {
    return stream.isTTY === true && (total >= 50 || (rate !== undefined && total / rate >= 2));
  }

  update(done: number, matched: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.#last < REDRAW_MS) return;
    this.#last = now;
    const fraction = this.total === 0 ? 1 : Math.min(1, done / this.total);
    const filled = Math.round(fraction * WIDTH);
    const seconds = (now - this.#started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? Math.ceil((this.total - done) / rate) : 0;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
    this.stream.write(
      `\r${bar} ${done}/${this.total} events · ${rate.toFixed(0)}/s · matched ${matched}${done < this.total ? ` · ${eta}s left` : ''}\u001b[K`,
    );
    this.#drawn = true;
  }

  /** Removes the bar, leaving the cursor at the start of an empty line. */
  clear(): void {
    if (this.#drawn) this.stream.write('\r\u001b[K');
  }
}
