import { accountWidePath } from './account-wide-path.js';
import type { ParsedFilter } from './parse-filter.js';
import { isReminderFilter } from './reminder-filter.js';

/** A published event as matching sees it: concrete path segments and its attributes. */
export interface MatchableEvent {
  segments: readonly string[];
  params: Readonly<Record<string, string>>;
}

/** Why one filter did not match one event; explain-match.ts turns it into words. */
export type Mismatch =
  | { kind: 'reminder' }
  /** `position` is 1-based; `null` where that path has already ended. */
  | { kind: 'segment'; position: number; filter: string | null; event: string | null }
  | { kind: 'not-account-wide'; resource: string }
  | { kind: 'param'; name: string; filter: string; event: string };

/** On a match, what ranks it against the subscription's other matching filters. */
export type FilterMatch =
  | { matched: true; accountWide: boolean; pathSegments: number; matchedParams: number }
  | { matched: false; mismatch: Mismatch };

/**
 * **The** matching rule (docs/decisions.md "Event filters and matching"); the index and
 * `explainMatch` both call it so they can never disagree.
 *
 * - Paths are equal segment by segment (case-sensitive; no wildcards, ringcentral-protocol.md §6.1),
 *   or the filter is the account-level form of an extension-level event for a resource offered
 *   account-wide (§5.4 d).
 * - Every filter parameter the event also carries must have the same value. A parameter the event
 *   does not carry does not restrict: it is a delivery option such as `detailedTelephonyState`.
 * - The reminder filter never matches a published event: the scheduler sends reminders (§5.4 f).
 *
 * @example
 * filterMatchesEvent(parseFilter('/restapi/v1.0/account/1/extension/2/message-store?type=SMS')!, {
 *   segments: ['restapi', 'v1.0', 'account', '1', 'extension', '2', 'message-store'],
 *   params: { type: 'Fax' },
 * }); // → { matched: false, mismatch: { kind: 'param', name: 'type', filter: 'SMS', event: 'Fax' } }
 */
export function filterMatchesEvent(
  filter: Pick<ParsedFilter, 'path' | 'segments' | 'params'>,
  event: MatchableEvent,
): FilterMatch {
  if (isReminderFilter(filter)) return { matched: false, mismatch: { kind: 'reminder' } };

  let accountWide = false;
  const pathMismatch = firstDifference(filter.segments, event.segments);
  if (pathMismatch) {
    const wide = accountWidePath(event.segments);
    if (!wide || firstDifference(filter.segments, wide.segments))
      return { matched: false, mismatch: pathMismatch };
    if (!wide.offered)
      return { matched: false, mismatch: { kind: 'not-account-wide', resource: wide.resource } };
    accountWide = true;
  }

  let matchedParams = 0;
  for (const [name, wanted] of Object.entries(filter.params)) {
    // hasOwn: event params may come from JSON, and `toString` must not look like a parameter.
    if (!Object.hasOwn(event.params, name)) continue;
    const carried = String(event.params[name]);
    if (carried !== wanted)
      return { matched: false, mismatch: { kind: 'param', name, filter: wanted, event: carried } };
    matchedParams++;
  }
  return { matched: true, accountWide, pathSegments: filter.segments.length, matchedParams };
}

function firstDifference(
  filter: readonly string[],
  event: readonly string[],
): Extract<Mismatch, { kind: 'segment' }> | null {
  const length = Math.max(filter.length, event.length);
  for (let i = 0; i < length; i++) {
    if (filter[i] !== event[i]) {
      return { kind: 'segment', position: i + 1, filter: filter[i] ?? null, event: event[i] ?? null };
    }
  }
  return null;
}
