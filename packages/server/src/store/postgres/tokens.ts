import type { Pool } from 'pg';
import type { Token } from '../../model.js';
import { prepared } from './prepared.js';
import { type TokenRow, tokenFromRow } from './rows.js';

export async function createToken(pool: Pool, t: Token): Promise<void> {
  await pool.query(
    prepared(
      `INSERT INTO tokens (id, name, role, account_id, extension_id, hash, created_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [t.id, t.name, t.role, t.accountId, t.extensionId, t.hash, t.createdAt, t.revokedAt],
    ),
  );
}

export async function findTokenByHash(pool: Pool, hash: string): Promise<Token | null> {
  const { rows } = await pool.query<TokenRow>(
    prepared('SELECT * FROM tokens WHERE hash = $1 AND revoked_at IS NULL', [hash]),
  );
  return rows[0] ? tokenFromRow(rows[0]) : null;
}

export async function listTokens(pool: Pool, accountId: string | undefined): Promise<Token[]> {
  const { rows } = await pool.query<TokenRow>(
    prepared('SELECT * FROM tokens WHERE ($1::text IS NULL OR account_id = $1) ORDER BY created_at, id', [
      accountId ?? null,
    ]),
  );
  return rows.map(tokenFromRow);
}

export async function revokeToken(pool: Pool, id: string, at: number): Promise<boolean> {
  const { rowCount } = await pool.query(
    prepared('UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]),
  );
  return (rowCount ?? 0) > 0;
}

export async function countTokens(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(prepared('SELECT count(*) AS n FROM tokens'));
  return rows[0]?.n ?? 0;
}
