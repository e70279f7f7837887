import { eventKind } from './event-kind.js';
import { isJsonObject, normaliseBody } from './normalise-body.js';
import { normaliseTimestamp } from './normalise-timestamp.js';
import type { Notification } from './protocol/envelope.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/**
 * Validates a parsed JSON value as a notification envelope (ringcentral-protocol.md §5.3) and
 * returns the normalised `Notification`: ids as strings (RingCentral sends some as numbers),
 * `timestamp` as ISO-8601 UTC with `Z` and milliseconds (RingCentral also sends `+0000`), known
 * bodies' numeric ids as strings. `uuid` is opaque (not always a UUID); `ownerId` is optional.
 * Unknown envelope fields are dropped. **Mutates `value.body`**: pass a value you own.
 *
 * @throws WebhookVerificationError `invalid_envelope`, naming the field.
 *
 * @example
 * const notification = normaliseNotification(JSON.parse(text));
 */
export function normaliseNotification(value: unknown): Notification {
  if (!isJsonObject(value)) throw invalidEnvelope('The request body is JSON but not an object');
  const event = value.event;
  if (typeof event !== 'string' || event === '') throw invalidField('event', 'a non-empty string');
  const body = value.body;
  if (!isJsonObject(body)) throw invalidField('body', 'a JSON object');
  normaliseBody(eventKind(event), body);
  const notification: Notification = {
    uuid: requiredId(value, 'uuid'),
    event,
    timestamp: requiredTimestamp(value.timestamp),
    subscriptionId: requiredId(value, 'subscriptionId'),
    body,
  };
  const ownerId = optionalId(value, 'ownerId');
  if (ownerId !== undefined) notification.ownerId = ownerId;
  return notification;
}

function requiredId(envelope: Record<string, unknown>, field: string): string {
  const id = optionalId(envelope, field);
  if (id === undefined) throw invalidField(field, 'a non-empty string or number');
  return id;
}

/** `undefined` when absent or null; ids may be JSON numbers (§5.3 "Type laxity"). */
function optionalId(envelope: Record<string, unknown>, field: string): string | undefined {
  const value = envelope[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw invalidField(field, 'a non-empty string or number');
}

function requiredTimestamp(value: unknown): string {
  const timestamp = typeof value === 'string' ? normaliseTimestamp(value) : undefined;
  if (timestamp === undefined) throw invalidField('timestamp', 'an ISO-8601 date-time');
  return timestamp;
}

function invalidField(field: string, expected: string): WebhookVerificationError {
  return invalidEnvelope(`The envelope field "${field}" is missing or invalid (expected ${expected})`);
}

function invalidEnvelope(problem: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'invalid_envelope',
    `${problem}. A notification is a JSON object {uuid, event, timestamp, subscriptionId, ownerId, body}; ` +
      'check that the sender speaks the RingCentral webhook protocol.',
  );
}
