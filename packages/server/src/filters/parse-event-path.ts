import { parseResourcePath } from './parse-resource-path.js';

/**
 * Parses the path of a PUBLISHED event (docs/decisions.md "Publishing"): the same grammar as a
 * filter (ringcentral-protocol.md §6.1), but concrete — `~` means "mine" only to a subscriber, so a
 * publisher must name ids. The optional query string carries the event's attributes
 * (`?type=SMS&direction=Inbound`). `accountId` comes from `/restapi/v1.0/account/{id}/…`, so the
 * API can check it against the publisher's token; it is `null` for paths outside an account
 * (team messaging, webinar).
 *
 * @example
 * parseEventPath('/restapi/v1.0/account/1001/extension/2001/message-store?type=SMS');
 * // → { path: '/restapi/v1.0/account/1001/extension/2001/message-store', segments: [...],
 * //     params: { type: 'SMS' }, accountId: '1001' }
 * parseEventPath('/restapi/v1.0/account/~/presence'); // → { error: "…must name concrete ids…" }
 */
export function parseEventPath(
  raw: unknown,
):
  | { path: string; segments: string[]; params: Record<string, string>; accountId: string | null }
  | { error: string } {
  if (typeof raw !== 'string') return { error: 'event path must be a string' };
  const parsed = parseResourcePath(raw);
  if ('error' in parsed) return { error: `event path ${parsed.error}` };
  const { path, segments, params } = parsed;
  if (segments.includes('~')) {
    return { error: "event path must name concrete ids: '~' is only for subscribers' filters" };
  }
  const [api, version, account, accountId] = segments;
  const inAccount = api === 'restapi' && version === 'v1.0' && account === 'account';
  return { path, segments, params, accountId: inAccount && accountId !== undefined ? accountId : null };
}
