import { Command } from 'commander';
import { resolveConfig } from '../../config.js';
import { checkSqliteIntegrity } from '../../store/sqlite/check-integrity.js';
import { sqliteFileOf } from '../../store/sqlite/sqlite-file-of.js';
import { CliError, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { withExamples } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { RECOVERY_HINT } from './start-failure.js';

interface DbCheckFlags {
  dataDir?: string;
  database?: string;
  config?: string;
  json?: boolean;
}

/**
 * `switchboard db check`: the integrity check `serve` runs at start (PRAGMA quick_check), on
 * demand, with the server stopped or running. Exit 0 when sound, 4 when corrupt (docs/cli.md).
 */
export function dbCommand(io: CliIo): Command {
  const check = new Command('check')
    .description('Check the SQLite database for corruption (PRAGMA quick_check), as serve does at start')
    .option('--data-dir <dir>', 'the data directory holding switchboard.db (default ./.switchboard)')
    .option('--database <url>', '"sqlite" (default) or "sqlite:<path>"')
    .option('--config <file>', 'JSON configuration file (flags > environment > file)')
    .option('--json', 'print the report as JSON')
    .action((flags: DbCheckFlags) => {
      const overrides: Record<string, unknown> = {};
      if (flags.dataDir !== undefined) overrides.dataDir = flags.dataDir;
      if (flags.database !== undefined) overrides.database = flags.database;
      const config = resolveConfig({ flags: overrides, env: { ...io.env }, file: flags.config });
      const file = sqliteFileOf(config);
      if (file === null) {
        throw new UsageError(
          'db check checks the SQLite database; for PostgreSQL use its own tools (amcheck, pg_dump)',
        );
      }
      const report = checkSqliteIntegrity(file);
      if (flags.json) io.stdout.write(`${JSON.stringify({ file, ...report })}\n`);
      if (!report.ok) {
        const listed = report.problems.map((problem) => `  ${problem}`).join('\n');
        throw new CliError(
          `The database ${file} is corrupt:\n${listed}`,
          EXIT.databaseCorrupt,
          RECOVERY_HINT,
        );
      }
      if (!flags.json) {
        const megabytes = (report.bytes / 1024 / 1024).toFixed(1);
        io.stdout.write(
          `ok: ${file} (${megabytes} MB) passed PRAGMA quick_check in ${report.elapsedMs} ms\n`,
        );
      }
    });
  return withExamples(
    new Command('db')
      .description('Inspect the local SQLite database')
      .addCommand(
        withExamples(check, [
          'switchboard db check                            # ./.switchboard/switchboard.db',
          'switchboard db check --data-dir /var/lib/switchboard --json',
        ]),
      ),
    ['switchboard db check --data-dir /var/lib/switchboard'],
  );
}
