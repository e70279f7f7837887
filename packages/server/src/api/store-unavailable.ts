/**
 * True for store errors that mean "cannot write right now" rather than "this request is wrong":
 * they answer 503 CMN-201 with Retry-After (docs/ringcentral-protocol.md §3.1's 503 row), so clients and
 * SDKs retry instead of giving up.
 *
 * SQLite reports extended codes (`SQLITE_IOERR_WRITE`, `SQLITE_BUSY_TIMEOUT`), hence the prefix
 * match. Postgres: connection-level errno codes, SQLSTATE class 08 (connection exception),
 * 53 (insufficient resources), 57P01-57P03 (shutdown, cannot connect now), 25006 (read-only
 * transaction, e.g. a failed-over primary), 40001/40P01 (serialization failure, deadlock).
 */
const SQLITE_PREFIXES = ['SQLITE_READONLY', 'SQLITE_FULL', 'SQLITE_BUSY', 'SQLITE_IOERR', 'SQLITE_LOCKED'];
const NODE_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const PG_CODES = new Set(['57P01', '57P02', '57P03', '25006', '40001', '40P01']);
const PG_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /Client has encountered a connection error/,
];

export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  const message = (error as { message?: unknown }).message;
  if (typeof code === 'string') {
    if (SQLITE_PREFIXES.some((prefix) => code.startsWith(prefix))) return true;
    if (NODE_CONNECTION_CODES.has(code) || PG_CODES.has(code)) return true;
    if (/^(08|53)[0-9A-Z]{3}$/.test(code)) return true;
  }
  return typeof message === 'string' && PG_MESSAGES.some((pattern) => pattern.test(message));
}
