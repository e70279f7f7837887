import { ACCOUNT_WIDE_RESOURCES } from './account-wide-resources.js';

const ACCOUNT_WIDE = new Set(ACCOUNT_WIDE_RESOURCES);

/**
 * For an extension-level path `/restapi/v1.0/account/A/extension/E/<resource>`, the account-level
 * path `/restapi/v1.0/account/A/<resource>` whose filters also receive it, and whether RingCentral
 * offers `<resource>` account-wide (account-wide-resources.ts; ringcentral-protocol.md §5.4 d).
 * `null` when the path does not have that shape.
 *
 * @example
 * accountWidePath(['restapi', 'v1.0', 'account', 'A', 'extension', 'E', 'presence']);
 * // → { segments: ['restapi', 'v1.0', 'account', 'A', 'presence'], resource: 'presence', offered: true }
 */
export function accountWidePath(
  segments: readonly string[],
): { segments: string[]; resource: string; offered: boolean } | null {
  const [api, version, account, accountId, extension, extensionId, ...rest] = segments;
  if (api !== 'restapi' || version !== 'v1.0' || account !== 'account' || extension !== 'extension')
    return null;
  if (accountId === undefined || extensionId === undefined || rest.length === 0) return null;
  const resource = rest.join('/');
  return {
    segments: [api, version, account, accountId, ...rest],
    resource,
    offered: ACCOUNT_WIDE.has(resource),
  };
}
