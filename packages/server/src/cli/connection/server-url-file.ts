import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The file in the data directory where `switchboard serve` writes the URL it listens on, so the
 * CLI finds a server started with `--port 18181` (or port 0) as it finds its admin token. It holds
 * no secret; it is removed when the server stops.
 */
export const SERVER_URL_FILE = 'server-url';

/** Records `url` in `dataDir`; returns a function that removes it again if it is still ours. */
export function recordServerUrl(dataDir: string, url: string): () => void {
  const file = join(dataDir, SERVER_URL_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${url}\n`, { mode: 0o644 });
  return () => {
    // Another server may have started on the same directory since: leave its URL alone.
    if (readRecordedServerUrl(dataDir) === url) rmSync(file, { force: true });
  };
}

/** The URL a running `switchboard serve` recorded in `dataDir`, or null. */
export function readRecordedServerUrl(dataDir: string): string | null {
  try {
    const url = readFileSync(join(dataDir, SERVER_URL_FILE), 'utf8').trim();
    return url === '' ? null : url;
  } catch {
    return null;
  }
}
