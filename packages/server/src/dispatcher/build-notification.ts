import type { DeliveryRequest } from './delivery-request.js';

/** The envelope fields of a notification, besides its event body. */
export type NotificationEnvelope = Pick<
  DeliveryRequest,
  'uuid' | 'filter' | 'eventCreatedAt' | 'subscriptionId' | 'ownerId'
>;

/**
 * The notification body as three pieces — the envelope up to `"body":`, the event body's shared
 * bytes, the closing brace — so an attempt copies nothing of a large body: the pieces are
 * signed and written to the socket one after the other (docs/reliability.md "Memory bounded in
 * bytes"). The envelope is docs/decisions.md "Wire compatibility": `{uuid, event, timestamp,
 * subscriptionId, ownerId, body}`; `timestamp` is the event's publish time, so every retry of a
 * delivery sends the same bytes.
 *
 * @example
 * const parts = buildNotification(request, body); // Buffer.concat(parts) is the JSON sent
 */
export function buildNotification(envelope: NotificationEnvelope, body: Uint8Array): Uint8Array[] {
  const head =
    `{"uuid":${JSON.stringify(envelope.uuid)},"event":${JSON.stringify(envelope.filter)},` +
    `"timestamp":"${new Date(envelope.eventCreatedAt).toISOString()}",` +
    `"subscriptionId":${JSON.stringify(envelope.subscriptionId)},"ownerId":${JSON.stringify(envelope.ownerId)},` +
    `"body":`;
  return [Buffer.from(head, 'utf8'), body, CLOSE];
}

const CLOSE = Buffer.from('}', 'utf8');
