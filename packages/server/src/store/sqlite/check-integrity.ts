import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';

/** Problems listed at most: a badly damaged file has thousands, the first few say enough. */
const MAX_PROBLEMS = 10;

export interface IntegrityReport {
  ok: boolean;
  /** What `PRAGMA quick_check` (or opening the file) reported; empty when ok. */
  problems: string[];
  /** How long the check took: it reads every page, so it grows with the file (docs/reliability.md). */
  elapsedMs: number;
  bytes: number;
}

/**
 * Runs `PRAGMA quick_check` on a SQLite database file: every page and every record read, but no
 * index compared with its table (that is `integrity_check`, several times slower). A missing or
 * empty file passes: there is nothing yet to be damaged.
 *
 * Why at start: a damaged file otherwise starts, answers /readyz and accepts publishes into it, or
 * dies with a stack trace a supervisor restarts forever (docs/reliability.md, finding 11).
 *
 * @example
 * const report = checkSqliteIntegrity('.switchboard/switchboard.db');
 * if (!report.ok) console.error(report.problems[0]);
 */
export function checkSqliteIntegrity(filename: string): IntegrityReport {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (!existsSync(filename)) return { ok: true, problems: [], elapsedMs: 0, bytes: 0 };
  let db: Database.Database | null = null;
  try {
    db = new Database(filename, { fileMustExist: true });
    const rows = db.prepare(`PRAGMA quick_check(${MAX_PROBLEMS})`).all() as Array<{ quick_check: string }>;
    const problems = rows.map((row) => row.quick_check).filter((text) => text !== 'ok');
    return { ok: problems.length === 0, problems, elapsedMs: elapsed(), bytes: sizeOf(db) };
  } catch (err) {
    if (!isCorruption(err)) throw err;
    return { ok: false, problems: [(err as Error).message], elapsedMs: elapsed(), bytes: 0 };
  } finally {
    db?.close();
  }
}

function sizeOf(db: Database.Database): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return pages * pageSize;
}

/** SQLITE_CORRUPT (and its extended codes) and SQLITE_NOTADB: the file is not a sound database. */
function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}
