import type { Delivery, EventRecord, Subscription } from '../../src/model.js';

let counter = 0;
/** Unique, ordered ids for test records. */
export function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}-${String(counter).padStart(6, '0')}`;
}

export const T0 = Date.UTC(2026, 0, 1);

export function makeSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: nextId('sub'),
    accountId: '1001',
    extensionId: '2001',
    eventFilters: ['/restapi/v1.0/account/1001/extension/2001/presence'],
    address: 'http://127.0.0.1:9/hook',
    verificationToken: 'verify-me',
    signingSecrets: [{ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', expiresAt: null }],
    status: 'Active',
    createdAt: T0,
    expiresAt: T0 + 604_800_000,
    expiresIn: 604_800,
    blacklistedAt: null,
    blacklistedReason: null,
    probeEnabled: true,
    nextProbeAt: null,
    failingSince: null,
    consecutiveFailures: 0,
    lastSuccessAt: null,
    reminderThreshold: null,
    reminderInterval: null,
    lastReminderAt: null,
    updatedAt: T0,
    ...overrides,
  };
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
