import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The admin token could not be written: nothing was committed, the next start tries again. */
export class AdminTokenWriteError extends Error {
  override name = 'AdminTokenWriteError';
}

/**
 * Writes the admin token to `path` (mode 0600) so that the file is either absent or complete:
 * written to a temporary file beside it, fsync'd, renamed over `path`, and the directory fsync'd.
 * On any failure the temporary file is removed and the error thrown, naming the file.
 *
 * **Called before the credential is committed** (bootstrap-admin.ts): a token the store accepts
 * but nobody can read would lock the operator out for good (docs/reliability.md, finding 10).
 *
 * @example
 * writeAdminTokenFile('/var/lib/switchboard/admin-token', 'sbt_…');
 */
export function writeAdminTokenFile(path: string, token: string): void {
  const dir = dirname(path);
  const temporary = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, `${token}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
    syncDirectory(dir);
  } catch (err) {
    rmSync(temporary, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new AdminTokenWriteError(
      `Cannot write the admin token to ${path} (${code}): no admin credential was created; free the space or fix the path, and the next start creates it`,
      { cause: err },
    );
  }
}

/** Makes the rename durable: without it a power cut may bring back the directory without the file. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
