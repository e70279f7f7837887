/**
 * Resources RingCentral offers account-wide (ringcentral-protocol.md §5.4 d, §6.1): a filter at
 * `/restapi/v1.0/account/{id}/<resource>` also receives events published at
 * `/restapi/v1.0/account/{id}/extension/{ext}/<resource>` (docs/decisions.md "Event filters
 * and matching"). Data, not code: add a resource here and matching follows.
 */
export const ACCOUNT_WIDE_RESOURCES: readonly string[] = ['presence', 'telephony/sessions'];
