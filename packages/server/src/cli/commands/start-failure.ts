import { DatabaseCorruptError } from '../../store/database-corrupt-error.js';
import { AdminTokenWriteError } from '../../tokens/write-admin-token-file.js';
import { CliError } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';

/** Where the recovery steps are, said with every refusal to start on a damaged database. */
export const RECOVERY_HINT =
  'Stop here and recover it: see "A corrupt database" in docs/reliability.md (switchboard db check, then restore or rebuild).';

/**
 * Turns what can stop `serve` before it listens into one message and a documented exit code
 * (docs/cli.md), instead of a stack trace a supervisor would restart forever. Anything else is
 * returned as it is (a bug: printed with its stack).
 */
export function startFailure(err: unknown): unknown {
  if (err instanceof DatabaseCorruptError)
    return new CliError(err.message, EXIT.databaseCorrupt, RECOVERY_HINT);
  if (err instanceof AdminTokenWriteError) return new CliError(err.message, EXIT.serverError);
  return err;
}
