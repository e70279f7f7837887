import { invalidParameter } from '../../errors.js';
import type { SearchCursor } from '../../store/delivery-search.js';

/**
 * The opaque `pageToken` of the searches: where the last page ended, (createdAt, id), in base64url
 * JSON. Not a secret and not signed: a forged one only moves the caller within what it may see.
 */
export function encodePageToken(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

/** Throws CMN-101 naming `pageToken` for anything this server did not hand out. */
export function decodePageToken(token: string): SearchCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      Number.isSafeInteger(parsed[0]) &&
      typeof parsed[1] === 'string'
    )
      return { createdAt: parsed[0], id: parsed[1] };
  } catch {
    // not JSON: falls through to the error below
  }
  throw invalidParameter('pageToken', 'is not a page token this server handed out');
}
