import type { DirectoryAccount, DirectoryExtension } from '../../directory/directory-model.js';

/** RingCentral ids are integers (int64) on the wire; Switchboard's numeric ids go out as numbers. */
function wireId(id: string): number | string {
  return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

/** RingCentral's `GetAccountInfoResponse`, the fields a webhook app reads. */
export function accountInfo(base: string, account: DirectoryAccount) {
  return {
    uri: `${base}/restapi/v1.0/account/${account.id}`,
    id: wireId(account.id),
    mainNumber: account.mainNumber,
    status: account.status,
    serviceInfo: { brand: { id: '1210', name: 'Switchboard' } },
    setupWizardState: 'Completed',
  };
}

/** RingCentral's `GetExtensionInfoResponse`, the fields apps and bot frameworks read at start-up. */
export function extensionInfo(base: string, extension: DirectoryExtension, admin: boolean) {
  const [firstName = extension.name, ...rest] = extension.name.split(' ');
  const accountUri = `${base}/restapi/v1.0/account/${extension.accountId}`;
  return {
    uri: `${accountUri}/extension/${extension.id}`,
    id: wireId(extension.id),
    extensionNumber: extension.extensionNumber,
    name: extension.name,
    type: 'User',
    status: extension.status,
    contact: {
      firstName,
      lastName: rest.join(' '),
      ...(extension.email !== null ? { email: extension.email } : {}),
    },
    account: { uri: accountUri, id: String(extension.accountId) },
    permissions: { admin: { enabled: admin }, internationalCalling: { enabled: false } },
    setupWizardState: 'Completed',
  };
}
