import type { Pool, PoolClient } from 'pg';

export interface TransactionOptions {
  /**
   * False: commit without waiting for the WAL flush (`synchronous_commit = off`, for this
   * transaction only). For leases and attempt records, like SQLite's `synchronous = NORMAL`: losing
   * the last few on a database crash only means a delivery is sent again, which at-least-once
   * allows. Publishes are always durable.
   */
  durable?: boolean;
  /** `SET LOCAL` settings for this transaction only, e.g. a planner setting one query depends on. */
  settings?: string[];
}

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when
 * it throws. A connection whose ROLLBACK failed is destroyed, not returned to the pool.
 *
 * **A COMMIT that fails on a lost connection has an unknown outcome**: the caller sees the error
 * (the API answers 503) and retries; publishing with a publisher id makes that retry idempotent.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // **A checked-out client has no error listener of the pool's**: a connection cut between two
  // statements (a database restart) would emit an unhandled 'error' and crash the process. Keep
  // the error instead; the next statement fails, and the connection is destroyed on release.
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  try {
    const settings = [
      ...(options.durable === false ? ['synchronous_commit = off'] : []),
      ...(options.settings ?? []),
    ];
    // One round trip: BEGIN and the settings go as one simple-protocol query.
    await client.query(['BEGIN', ...settings.map((s) => `SET LOCAL ${s}`)].join('; '));
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw err;
  } finally {
    // A broken client keeps the listener: it may still emit while the pool destroys it.
    if (!broken) client.off('error', onError);
    client.release(broken);
  }
}
