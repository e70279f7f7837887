/** Connection-level errno codes: the database host cannot be reached or dropped the socket. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * SQLSTATEs: 57P01-57P03 (shutdown, cannot connect now), 25006 (read-only transaction, e.g. a
 * failed-over primary), 40001/40P01 (serialization failure, deadlock). Classes 08 (connection
 * exception) and 53 (insufficient resources) are matched as a whole.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '25006', '40001', '40P01']);
const SQLSTATE_CLASSES = /^(08|53)[0-9A-Z]{3}$/;
/** What node-postgres throws without a code when a connection dies or cannot be had. */
const MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /Client has encountered a connection error/,
];

/** True when PostgreSQL failed because it cannot be reached or cannot serve now, not the request. */
export function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (CONNECTION_CODES.has(code) || SQLSTATES.has(code) || SQLSTATE_CLASSES.test(code)) return true;
  }
  return typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message));
}
