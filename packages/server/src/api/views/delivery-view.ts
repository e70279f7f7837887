import type { Attempt, Delivery, SubscriptionOrdering } from '../../model.js';
import { isoTime } from '../iso-time.js';
import type { AttemptView, DeliveryView } from '../schemas/delivery-view.js';

/**
 * A delivery as /v1 shows it. An ordered one (docs/ordering.md) also shows its key and, when it is
 * dead or expired under `onDead: skip`, that its key went on without it (`skipped`); `ordering` is
 * its subscription's, passed by callers that have it.
 */
export function deliveryView(delivery: Delivery, ordering?: SubscriptionOrdering | null): DeliveryView {
  const view: DeliveryView = {
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
  if (delivery.orderingKey != null) {
    const final = delivery.state === 'dead' || delivery.state === 'expired';
    view.ordering = { key: delivery.orderingKey, skipped: final && ordering?.onDead !== 'block' };
  }
  return view;
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
