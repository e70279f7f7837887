import { parseResourcePath } from './parse-resource-path.js';

/**
 * An event filter, parsed (ringcentral-protocol.md §6.1).
 *
 * `text` is the canonical string that is stored and sent back as the notification's `event`:
 * the path plus the query string **in the order the user gave it**, because receivers compare
 * `event` with the literal filter they subscribed to (§6.3, docs/decisions.md "Wire compatibility").
 */
export interface ParsedFilter {
  /** Path without the query string, e.g. `/restapi/v1.0/account/1001/extension/2001/presence`. */
  path: string;
  /** The path split on `/`, without the empty leading segment. */
  segments: string[];
  /** Filter parameters from the query string. */
  params: Record<string, string>;
  /** Path + `?` + query string as given. */
  text: string;
}

/**
 * Parses one event filter; `null` when it is malformed (SUB-508 territory, §6.2). Only trims:
 * nothing that could change meaning is rewritten (see parse-resource-path.ts for the grammar).
 *
 * @example
 * parseFilter('/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true')?.params;
 * // → { detailedTelephonyState: 'true' }
 * parseFilter('/restapi/v1.0/account/~/../presence'); // → null
 */
export function parseFilter(raw: string): ParsedFilter | null {
  if (typeof raw !== 'string') return null;
  const parsed = parseResourcePath(raw);
  return 'error' in parsed ? null : parsed;
}
