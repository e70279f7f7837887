import type { Pool } from 'pg';

import { listMigrations } from '../list-migrations.js';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/**
 * The session advisory lock every node takes around migrating: when several nodes start at once,
 * one applies the migrations and the others wait, then find nothing left to do. Without it two
 * nodes could both see version 1 missing and both run it. Keyed by schema (as the job locks in
 * maintenance.ts), so deployments in different schemas of one database do not wait for each other.
 */
const MIGRATION_LOCK = 1;
const LOCK = `hashtext(coalesce(current_schema(), '')), $1`;

/** Applies the migrations not yet applied, each in its own transaction, under the migration lock. */
export async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err; // a cut connection: the next statement fails (see transaction.ts)
  };
  client.on('error', onError);
  try {
    await client.query(`SELECT pg_advisory_lock(${LOCK})`, [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      const applied = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
          (r) => r.version,
        ),
      );
      for (const m of listMigrations(MIGRATIONS_DIR)) {
        if (applied.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [m.version, m.name, Date.now()],
          );
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${LOCK})`, [MIGRATION_LOCK]);
    }
  } catch (err) {
    broken = err as Error;
    throw err;
  } finally {
    // A failed connection is destroyed, which also ends its session lock.
    if (!broken) client.off('error', onError);
    client.release(broken);
  }
}
