import type { ClaimedDelivery } from '../store/store.js';

/**
 * The notification body as three pieces — the envelope up to `"body":`, the event body's shared
 * bytes, the closing brace — so an attempt copies nothing of a large body: the pieces are
 * signed and written to the socket one after the other (docs/reliability.md "Memory bounded in
 * bytes"). The envelope is docs/decisions.md "Wire compatibility": `{uuid, event, timestamp,
 * subscriptionId, ownerId, body}`; `timestamp` is the event's publish time, so every retry of a
 * delivery sends the same bytes.
 *
 * @example
 * const parts = buildNotification(claim, body); // Buffer.concat(parts) is the JSON sent
 */
export function buildNotification(claim: ClaimedDelivery, body: Buffer): Buffer[] {
  const { delivery, event, subscription } = claim;
  const head =
    `{"uuid":${JSON.stringify(delivery.uuid)},"event":${JSON.stringify(delivery.filter)},` +
    `"timestamp":"${new Date(event.createdAt).toISOString()}",` +
    `"subscriptionId":${JSON.stringify(subscription.id)},"ownerId":${JSON.stringify(subscription.extensionId)},` +
    `"body":`;
  return [Buffer.from(head, 'utf8'), body, CLOSE];
}

const CLOSE = Buffer.from('}', 'utf8');
