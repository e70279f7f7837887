/**
 * The database failed its integrity check at start (store/sqlite/check-integrity.ts). `serve`
 * exits with code 4 and this one message (docs/cli.md); docs/reliability.md "A corrupt database"
 * says how to check and recover it. Starting anyway would write new publishes into a damaged file.
 */
export class DatabaseCorruptError extends Error {
  override name = 'DatabaseCorruptError';

  constructor(
    readonly filename: string,
    readonly problems: readonly string[],
  ) {
    super(
      `The database ${filename} is corrupt (PRAGMA quick_check: ${problems[0] ?? 'failed'}); Switchboard will not start on it`,
    );
  }
}
