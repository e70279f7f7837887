import type { Database } from 'better-sqlite3';
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

/** The directory tables on SQLite; mirrored by store/postgres/directory.ts. */
export function sqliteDirectoryStore(db: Database): DirectoryStore {
  return {
    saveAccount: async (account) => {
      prepared(
        db,
        `INSERT INTO directory_accounts (id, name, main_number, status, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, main_number = excluded.main_number,
           status = excluded.status, updated_at = excluded.updated_at`,
      ).run(...accountValues(account));
    },
    getAccount: async (id) => {
      const row = prepared(db, 'SELECT * FROM directory_accounts WHERE id = ?').get(id) as
        | AccountRow
        | undefined;
      return row ? accountFromRow(row) : null;
    },
    saveExtension: async (extension) => {
      prepared(
        db,
        `INSERT INTO directory_extensions (account_id, id, name, extension_number, email, status, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, id) DO UPDATE SET name = excluded.name,
           extension_number = excluded.extension_number, email = excluded.email,
           status = excluded.status, updated_at = excluded.updated_at`,
      ).run(...extensionValues(extension));
    },
    getExtension: async (accountId, id) => {
      const row = prepared(db, 'SELECT * FROM directory_extensions WHERE account_id = ? AND id = ?').get(
        accountId,
        id,
      ) as ExtensionRow | undefined;
      return row ? extensionFromRow(row) : null;
    },
  };
}
