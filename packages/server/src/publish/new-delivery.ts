import type { Delivery } from '../model.js';
import type { Random } from '../random.js';

/**
 * A fresh delivery of one event to one subscription, due now. Its `uuid` is the notification's,
 * stable across every retry of this delivery (docs/decisions.md "Wire compatibility").
 */
export function newDelivery(
  random: Random,
  target: { eventId: string; subscriptionId: string; filter: string },
  now: number,
): Delivery {
  return {
    id: random.id(),
    uuid: random.uuid(),
    ...target,
    state: 'pending',
    attempts: 0,
    retryStep: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
    lastStatus: null,
    lastError: null,
  };
}
