import type {
  AccountStatus,
  DirectoryAccount,
  DirectoryExtension,
  ExtensionStatus,
} from '../directory/directory-model.js';

/** Row ↔ record mapping of the directory tables, the same columns in both backends. */
export interface AccountRow {
  id: string;
  name: string;
  main_number: string;
  status: string;
  updated_at: number;
}

export interface ExtensionRow {
  account_id: string;
  id: string;
  name: string;
  extension_number: string;
  email: string | null;
  status: string;
  updated_at: number;
}

export function accountFromRow(r: AccountRow): DirectoryAccount {
  return {
    id: r.id,
    name: r.name,
    mainNumber: r.main_number,
    status: r.status as AccountStatus,
    updatedAt: Number(r.updated_at),
  };
}

/** Values in column order: id, name, main_number, status, updated_at. */
export function accountValues(a: DirectoryAccount): unknown[] {
  return [a.id, a.name, a.mainNumber, a.status, a.updatedAt];
}

export function extensionFromRow(r: ExtensionRow): DirectoryExtension {
  return {
    accountId: r.account_id,
    id: r.id,
    name: r.name,
    extensionNumber: r.extension_number,
    email: r.email,
    status: r.status as ExtensionStatus,
    updatedAt: Number(r.updated_at),
  };
}

/** Values in column order: account_id, id, name, extension_number, email, status, updated_at. */
export function extensionValues(e: DirectoryExtension): unknown[] {
  return [e.accountId, e.id, e.name, e.extensionNumber, e.email, e.status, e.updatedAt];
}
