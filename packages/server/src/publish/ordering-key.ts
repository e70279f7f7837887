import { createHash } from 'node:crypto';
import type { SubscriptionOrdering } from '../model.js';

/**
 * The key a subscription orders by when it names none, by the event's resource (docs/ordering.md
 * "Default keys"): one telephony session's events go in order, and one extension's presence
 * changes. Any other event is ordered per published path.
 */
const DEFAULT_KEYS: ReadonlyArray<{ resource: RegExp; key: string }> = [
  { resource: /\/telephony\/sessions$/, key: 'body.telephonySessionId' },
  { resource: /\/presence$/, key: 'body.extensionId' },
];

/** Keys longer than this are stored as their SHA-256, so a huge body value never bloats an index. */
const MAX_KEY_LENGTH = 200;

/** Where a subscription reads its key from for an event at `path` (no query string). */
export function orderingKeySource(ordering: SubscriptionOrdering, path: string): string {
  return ordering.key ?? DEFAULT_KEYS.find(({ resource }) => resource.test(path))?.key ?? 'path';
}

/**
 * The ordering key of one event for one ordered subscription. `body.<field>[.<field>…]` reads a
 * string or number from the published body; `path` is the published path without its query. When
 * the body has no such value the event is ordered with the others of its path, so an event
 * without a key is still delivered in order, never out of it.
 *
 * @example
 * orderingKey({ key: null, onDead: 'skip' }, '/restapi/v1.0/account/1/telephony/sessions',
 *   { telephonySessionId: 's-42' }); // → 'body.telephonySessionId=s-42'
 */
export function orderingKey(ordering: SubscriptionOrdering, path: string, body: unknown): string {
  const source = orderingKeySource(ordering, path);
  const value = source.startsWith('body.') ? readField(body, source.slice('body.'.length).split('.')) : null;
  const key = value === null ? `path=${path}` : `${source}=${value}`;
  return key.length <= MAX_KEY_LENGTH ? key : `sha256=${createHash('sha256').update(key).digest('hex')}`;
}

function readField(body: unknown, fields: string[]): string | null {
  let value = body;
  for (const field of fields) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    value = (value as Record<string, unknown>)[field];
  }
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}
