/**
 * What RingCentral's "who am I" endpoints answer about an account and an extension (issue 13):
 * names, numbers and status, set by the operator (`PUT /v1/accounts/…`) or by extension events.
 */

/** RingCentral's `ExtensionStatus` values, plus `Deleted`: a deleted extension answers 404. */
export const EXTENSION_STATUSES = [
  'Enabled',
  'Disabled',
  'Frozen',
  'NotActivated',
  'Unassigned',
  'Deleted',
] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/** RingCentral's `AccountStatusEnumFull`. */
export const ACCOUNT_STATUSES = ['Initial', 'Unconfirmed', 'Confirmed', 'Disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface DirectoryAccount {
  id: string;
  name: string;
  mainNumber: string;
  status: AccountStatus;
  updatedAt: number;
}

export interface DirectoryExtension {
  accountId: string;
  id: string;
  name: string;
  extensionNumber: string;
  email: string | null;
  status: ExtensionStatus;
  updatedAt: number;
}

/** The record answered for an account nobody described yet. */
export function defaultAccount(id: string, now: number): DirectoryAccount {
  return { id, name: `Account ${id}`, mainNumber: '+15550100000', status: 'Confirmed', updatedAt: now };
}

/** The record answered for an extension nobody described yet: its number is its id. */
export function defaultExtension(accountId: string, id: string, now: number): DirectoryExtension {
  return {
    accountId,
    id,
    name: `Extension ${id}`,
    extensionNumber: id,
    email: null,
    status: 'Enabled',
    updatedAt: now,
  };
}
