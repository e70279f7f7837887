/**
 * SQLite's "cannot write right now" codes. better-sqlite3 reports extended codes
 * (`SQLITE_IOERR_WRITE`, `SQLITE_BUSY_TIMEOUT`), hence the prefix match.
 */
const UNAVAILABLE_PREFIXES = [
  'SQLITE_READONLY',
  'SQLITE_FULL',
  'SQLITE_BUSY',
  'SQLITE_IOERR',
  'SQLITE_LOCKED',
];

/** True when SQLite failed because the file is locked, full, read-only or broken, not the request. */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE_PREFIXES.some((prefix) => code.startsWith(prefix));
}
