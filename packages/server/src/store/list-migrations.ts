import { readdirSync, readFileSync } from 'node:fs';

/** One numbered migration file: `001_initial.sql` is version 1. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The numbered migration files in `dir`, in order: append-only, never edited once released. Each
 * backend keeps its own folder (sqlite/migrations, postgres/migrations), mirrored file for file.
 *
 * @example listMigrations(new URL('./migrations/', import.meta.url))
 */
export function listMigrations(dir: URL): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d+_.+\.sql$/.test(file))
    .sort()
    .map((name) => ({
      version: Number.parseInt(name, 10),
      name,
      sql: readFileSync(new URL(name, dir), 'utf8'),
    }));
}
