import type { ParsedFilter } from './parse-filter.js';

/**
 * Replaces `~` in `account/{id}` and `extension/{id}` segments with the owner's ids, as RingCentral
 * does for stored and returned `eventFilters` (ringcentral-protocol.md §2.1, §6.1). The reminder
 * filter's `subscription/~` is left alone: §2.1 shows it stored unexpanded.
 *
 * @example
 * expandOwner(parseFilter('/restapi/v1.0/account/~/extension/~/presence')!, { accountId: '1001', extensionId: '2001' }).text;
 * // → '/restapi/v1.0/account/1001/extension/2001/presence'
 */
export function expandOwner(
  filter: ParsedFilter,
  owner: { accountId: string; extensionId: string },
): ParsedFilter {
  const segments = filter.segments.map((segment, i) => {
    if (segment !== '~') return segment;
    const before = filter.segments[i - 1];
    if (before === 'account') return owner.accountId;
    if (before === 'extension') return owner.extensionId;
    return segment;
  });
  const path = `/${segments.join('/')}`;
  // The query string is kept byte for byte: receivers compare `event` with it (§6.3).
  const query = filter.text.slice(filter.path.length);
  return { path, segments, params: { ...filter.params }, text: path + query };
}
