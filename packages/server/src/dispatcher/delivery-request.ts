import type { Config } from '../config.js';
import type { ClaimedDelivery } from '../store/store.js';

/**
 * Everything sending one delivery needs, as plain data, so it can be posted to a sender thread
 * (structured clone): the notification's envelope fields, the receiver, the secrets still
 * signing at `startedAt`, and the deadlines. The event body travels beside it, by event id.
 */
export interface DeliveryRequest {
  deliveryId: string;
  eventId: string;
  uuid: string;
  filter: string;
  eventCreatedAt: number;
  subscriptionId: string;
  ownerId: string;
  address: string;
  verificationToken: string | null;
  /** Signing secrets not rotated out at `startedAt`; each signs (docs/decisions.md "Wire compatibility"). */
  signingSecrets: string[];
  /** When the attempt started, on the dispatcher's clock; the signature's timestamp comes from it. */
  startedAt: number;
  timeoutMs: number;
  maxResponseBytes: number;
}

/**
 * The request for one attempt of a claimed delivery.
 *
 * @example
 * const request = deliveryRequestOf(claim, clock.now(), config);
 */
export function deliveryRequestOf(
  claim: ClaimedDelivery,
  startedAt: number,
  config: Pick<Readonly<Config>, 'deliveryTimeoutMs' | 'responseSnippetBytes'>,
): DeliveryRequest {
  const { delivery, event, subscription } = claim;
  const signingSecrets: string[] = [];
  for (const s of subscription.signingSecrets)
    if (s.expiresAt === null || s.expiresAt > startedAt) signingSecrets.push(s.secret);
  return {
    deliveryId: delivery.id,
    eventId: event.id,
    uuid: delivery.uuid,
    filter: delivery.filter,
    eventCreatedAt: event.createdAt,
    subscriptionId: subscription.id,
    ownerId: subscription.extensionId,
    address: subscription.address,
    verificationToken: subscription.verificationToken,
    signingSecrets,
    startedAt,
    timeoutMs: config.deliveryTimeoutMs,
    maxResponseBytes: config.responseSnippetBytes,
  };
}
