import { ApiError } from '../errors.js';
import type { ParsedFilter } from './parse-filter.js';

/**
 * What a filter may reach: `extension` (a user) only the owner's own extension; `account` (an
 * account admin, the server admin) any extension of the owner's account and account-wide
 * resources. The account itself is checked before (SUB-406).
 */
export type FilterScope = 'extension' | 'account';

const PARAMETER = { parameterName: 'eventFilters' };

/**
 * Throws when a filter reaches past `scope`, as RingCentral's permissions do
 * (docs/ringcentral-protocol.md §6.2; docs/reliability.md, finding 6): an account-wide filter
 * (`/restapi/v1.0/account/1001/presence`, `…/telephony/sessions`, `…/extension`) → 403 CMN-408;
 * another extension's (`…/account/1001/extension/2002/message-store`) → 403 SUB-405. Filters
 * outside `/restapi/v1.0/account/…` (team messaging, webinar, the reminder) name no other owner.
 *
 * @example
 * checkFilterScope(parsed, { accountId: '1001', extensionId: '2001' }, 'extension');
 */
export function checkFilterScope(
  filter: ParsedFilter,
  owner: { extensionId: string },
  scope: FilterScope,
): void {
  if (scope === 'account') return;
  const [api, version, account, , extension, extensionId] = filter.segments;
  if (api !== 'restapi' || version !== 'v1.0' || account !== 'account') return;
  if (extension !== 'extension' || extensionId === undefined) {
    throw new ApiError(
      'CMN-408',
      { permission: 'AccountAdmin' },
      {
        ...PARAMETER,
        parameterValue: filter.text,
        detail: 'account-wide filters need an account-admin token',
      },
    );
  }
  if (extensionId !== owner.extensionId) {
    throw new ApiError(
      'SUB-405',
      {},
      { ...PARAMETER, parameterValue: filter.text, detail: 'other extensions need an account-admin token' },
    );
  }
}
