import type { DirectoryAccount, DirectoryExtension } from '../directory/directory-model.js';

/** Accounts' and extensions' descriptions (issue 13 "who am I"); both backends in `directory.ts`. */
export interface DirectoryStore {
  saveAccount(account: DirectoryAccount): Promise<void>;
  getAccount(id: string): Promise<DirectoryAccount | null>;
  saveExtension(extension: DirectoryExtension): Promise<void>;
  getExtension(accountId: string, id: string): Promise<DirectoryExtension | null>;
}
