/**
 * The one error every backend raises when its database cannot serve a request right now
 * (unreachable, locked, full, read-only, shutting down) rather than because the request is wrong.
 * The API answers it with 503 CMN-201 and Retry-After, so clients retry instead of giving up;
 * nothing above `store/` needs to know a backend's own error codes.
 *
 * `code` is the backend's code (`SQLITE_BUSY`, `57P01`, `ECONNREFUSED`…) when it had one, so a
 * log line still says what the database met; `cause` is the backend's error itself.
 *
 * @example if (error instanceof StoreUnavailableError) reply.status(503);
 */
export class StoreUnavailableError extends Error {
  readonly code: string | undefined;

  constructor(cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`the store is unavailable: ${message}`, { cause });
    this.name = 'StoreUnavailableError';
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}
