import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** What SQLite creates beside the database in WAL mode. */
const COMPANIONS = ['', '-wal', '-shm', '-journal'];

/**
 * Makes sure the database file exists and is readable by the server's user only, before SQLite
 * opens it: directories it creates are 0700, the file 0600, and an existing file (or its -wal,
 * -shm) that others could read is tightened. SQLite gives the -wal and -shm files it creates the
 * database file's mode, so creating the file first settles those too.
 *
 * Why: the file holds every signing secret and verification token (docs/reliability.md, finding 8); the
 * default umask would leave it 0644 in a 0755 directory.
 */
export function preparePrivateDatabaseFile(filename: string): void {
  mkdirSync(dirname(filename), { recursive: true, mode: 0o700 });
  if (!existsSync(filename)) closeSync(openSync(filename, 'a', 0o600));
  for (const suffix of COMPANIONS) {
    const path = filename + suffix;
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}
