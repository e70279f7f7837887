import { Writable } from 'node:stream';

/** A stream for a logger to write to, keeping every chunk (one log line each) for the test to scan. */
export function lineSink(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, sink };
}
