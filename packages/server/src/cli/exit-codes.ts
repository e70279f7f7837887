/**
 * The CLI's exit codes, documented in docs/cli.md. Scripts can tell "the server said no" (1) from
 * "you asked wrongly" (2) from "nobody answered" (3).
 */
export const EXIT = {
  ok: 0,
  /** The server answered with an error (its errorCode and message are printed). */
  serverError: 1,
  /** A usage or configuration error: unknown flag, bad value, no token found. */
  usage: 2,
  /** The server could not be reached: not running, wrong --server, or it did not answer in time. */
  unreachable: 3,
  /** `serve` or `db check`: the database failed its integrity check (docs/reliability.md). */
  databaseCorrupt: 4,
  /** Stopped by Ctrl-C before it finished (128 + SIGINT), as shells report it. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
