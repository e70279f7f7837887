import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import {
  type DirectoryAccount,
  type DirectoryExtension,
  defaultAccount,
  defaultExtension,
} from './directory-model.js';

/** An account's description: the stored one, or the defaults for an account nobody described. */
export async function findAccount(
  deps: { store: Store; clock: Clock },
  id: string,
): Promise<DirectoryAccount> {
  return (await deps.store.getAccount(id)) ?? defaultAccount(id, deps.clock.now());
}

/** An extension's description, or its defaults; null when it was deleted (RingCentral: 404). */
export async function findExtension(
  deps: { store: Store; clock: Clock },
  accountId: string,
  id: string,
): Promise<DirectoryExtension | null> {
  const stored = await deps.store.getExtension(accountId, id);
  if (stored?.status === 'Deleted') return null;
  return stored ?? defaultExtension(accountId, id, deps.clock.now());
}
