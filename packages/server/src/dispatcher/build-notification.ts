import type { ClaimedDelivery } from '../store/store.js';

/**
 * The notification body, built by concatenation around the event body serialised once at
 * publish time: no per-delivery JSON.parse/JSON.stringify of the payload (the publish hot path, docs/performance.md).
 * The envelope is docs/decisions.md "Wire compatibility": `{uuid, event, timestamp,
 * subscriptionId, ownerId, body}`; `timestamp` is the event's publish time, so every retry of a
 * delivery sends the same bytes.
 */
export function buildNotification(claim: ClaimedDelivery): string {
  const { delivery, event, subscription } = claim;
  return (
    `{"uuid":${JSON.stringify(delivery.uuid)},"event":${JSON.stringify(delivery.filter)},` +
    `"timestamp":"${new Date(event.createdAt).toISOString()}",` +
    `"subscriptionId":${JSON.stringify(subscription.id)},"ownerId":${JSON.stringify(subscription.extensionId)},` +
    `"body":${event.bodyJson}}`
  );
}
