/** What ranks one matching filter against another of the same subscription. */
export interface RankedMatch {
  /** Path segments of the filter: an extension-level filter beats an account-wide one. */
  pathSegments: number;
  /** Filter parameters the event carried with the same value. */
  matchedParams: number;
  /** Index of the filter in the subscription's `eventFilters`. */
  position: number;
}

/**
 * Orders matches most specific first. A subscription gets one notification per event and its
 * `event` is the most specific matching filter (docs/decisions.md "Event filters and
 * matching"): more path segments, then more matching parameters, then the earlier filter. This
 * is also how RingCentral's detailed presence filter supersedes the simple one
 * (ringcentral-protocol.md §6.3).
 *
 * @example
 * [b, a].sort(compareSpecificity)[0]; // the most specific
 */
export function compareSpecificity(a: RankedMatch, b: RankedMatch): number {
  return b.pathSegments - a.pathSegments || b.matchedParams - a.matchedParams || a.position - b.position;
}
