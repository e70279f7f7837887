import type { Attempt, Delivery } from '../../model.js';
import { isoTime } from '../iso-time.js';
import type { AttemptView, DeliveryView } from '../schemas/delivery-view.js';

export function deliveryView(delivery: Delivery): DeliveryView {
  return {
    id: delivery.id,
    uuid: delivery.uuid,
    eventId: delivery.eventId,
    subscriptionId: delivery.subscriptionId,
    filter: delivery.filter,
    state: delivery.state,
    attempts: delivery.attempts,
    nextAttemptAt: isoTime(delivery.nextAttemptAt),
    createdAt: isoTime(delivery.createdAt),
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
  };
}

export function attemptView(attempt: Attempt): AttemptView {
  return {
    time: isoTime(attempt.startedAt),
    status: attempt.status,
    latencyMs: attempt.latencyMs,
    error: attempt.error,
    responseSnippet: attempt.responseSnippet,
  };
}
