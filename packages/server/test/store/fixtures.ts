import type { Delivery, EventRecord, Subscription } from '../../src/model.js';
import { newSubscription } from '../../src/subscriptions/new-subscription.js';

let counter = 0;
/** Unique, ordered ids for test records. */
export function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}-${String(counter).padStart(6, '0')}`;
}

export const T0 = Date.UTC(2026, 0, 1);

export function makeSubscription(overrides: Partial<Subscription> = {}): Subscription {
  const subscription = newSubscription(
    {
      id: nextId('sub'),
      accountId: '1001',
      extensionId: '2001',
      eventFilters: ['/restapi/v1.0/account/1001/extension/2001/presence'],
      address: 'http://127.0.0.1:9/hook',
      verificationToken: 'verify-me',
      signingSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      expiresIn: 604_800,
      reminder: null,
    },
    T0,
  );
  return { ...subscription, ...overrides };
}

export function makeEvent(overrides: Partial<EventRecord> = {}): EventRecord {
  return {
    id: nextId('evt'),
    accountId: '1001',
    path: '/restapi/v1.0/account/1001/extension/2001/presence',
    bodyJson: '{"presenceStatus":"Available"}',
    publisherId: null,
    createdAt: T0,
    matched: 1,
    ...overrides,
  };
}

export function makeDelivery(
  event: EventRecord,
  subscription: Subscription,
  overrides: Partial<Delivery> = {},
): Delivery {
  return {
    id: nextId('dlv'),
    uuid: nextId('uuid'),
    eventId: event.id,
    subscriptionId: subscription.id,
    filter: subscription.eventFilters[0] ?? '',
    state: 'pending',
    attempts: 0,
    retryStep: 0,
    nextAttemptAt: event.createdAt,
    createdAt: event.createdAt,
    updatedAt: event.createdAt,
    lastStatus: null,
    lastError: null,
    ...overrides,
  };
}
