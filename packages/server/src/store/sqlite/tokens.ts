import type { Database } from 'better-sqlite3';
import type { Token } from '../../model.js';
import { prepared } from './prepared.js';
import { type TokenRow, tokenFromRow } from './rows.js';

export function createToken(db: Database, t: Token): void {
  prepared(
    db,
    `INSERT INTO tokens (id, name, role, account_id, extension_id, hash, created_at, revoked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(t.id, t.name, t.role, t.accountId, t.extensionId, t.hash, t.createdAt, t.revokedAt);
}

export function findTokenByHash(db: Database, hash: string): Token | null {
  const row = prepared(db, 'SELECT * FROM tokens WHERE hash = ? AND revoked_at IS NULL').get(hash) as
    | TokenRow
    | undefined;
  return row ? tokenFromRow(row) : null;
}

export function listTokens(db: Database, accountId: string | undefined): Token[] {
  const rows = (
    accountId === undefined
      ? prepared(db, 'SELECT * FROM tokens ORDER BY created_at, id').all()
      : prepared(db, 'SELECT * FROM tokens WHERE account_id = ? ORDER BY created_at, id').all(accountId)
  ) as TokenRow[];
  return rows.map(tokenFromRow);
}

export function revokeToken(db: Database, id: string, at: number): boolean {
  return (
    prepared(db, 'UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes >
    0
  );
}

export function countTokens(db: Database): number {
  return (prepared(db, 'SELECT count(*) AS n FROM tokens').get() as { n: number }).n;
}
