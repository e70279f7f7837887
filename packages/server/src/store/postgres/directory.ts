import type { Pool } from 'pg';
import {
  type AccountRow,
  accountFromRow,
  accountValues,
  type ExtensionRow,
  extensionFromRow,
  extensionValues,
} from '../directory-rows.js';
import type { DirectoryStore } from '../directory-store.js';
import { prepared } from './prepared.js';

/** The directory tables on PostgreSQL; mirrors store/sqlite/directory.ts. */
export function postgresDirectoryStore(pool: Pool): DirectoryStore {
  return {
    saveAccount: async (account) => {
      await pool.query(
        prepared(
          `INSERT INTO directory_accounts (id, name, main_number, status, updated_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, main_number = excluded.main_number,
             status = excluded.status, updated_at = excluded.updated_at`,
          accountValues(account),
        ),
      );
    },
    getAccount: async (id) => {
      const { rows } = await pool.query<AccountRow>(
        prepared('SELECT * FROM directory_accounts WHERE id = $1', [id]),
      );
      return rows[0] ? accountFromRow(rows[0]) : null;
    },
    saveExtension: async (extension) => {
      await pool.query(
        prepared(
          `INSERT INTO directory_extensions (account_id, id, name, extension_number, email, status, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (account_id, id) DO UPDATE SET name = excluded.name,
             extension_number = excluded.extension_number, email = excluded.email,
             status = excluded.status, updated_at = excluded.updated_at`,
          extensionValues(extension),
        ),
      );
    },
    getExtension: async (accountId, id) => {
      const { rows } = await pool.query<ExtensionRow>(
        prepared('SELECT * FROM directory_extensions WHERE account_id = $1 AND id = $2', [accountId, id]),
      );
      return rows[0] ? extensionFromRow(rows[0]) : null;
    },
  };
}
