import type { DeliveryState, SubscriptionStatus } from '../model.js';

/**
 * Whose rows a search may return (DESIGN.md "Tenancy"): an account, one extension of it, or
 * everything (the server admin). The API builds it from the caller; a store never widens it.
 */
export interface SearchScope {
  accountId?: string;
  extensionId?: string;
}

/**
 * Where the previous page ended. Pages run newest first by (createdAt, id): rows added while a
 * client pages are newer than its cursor, so they never shift or repeat a later page.
 */
export interface SearchCursor {
  createdAt: number;
  id: string;
}

/** The filters of `GET /v1/deliveries` and `POST /v1/deliveries/redeliver`; all combine with AND. */
export interface DeliverySearch {
  scope: SearchScope;
  states?: DeliveryState[];
  subscriptionId?: string;
  /** The start of the published event's path (attributes included), e.g. `/restapi/v1.0/account/1001`. */
  eventPath?: string;
  /** Created at or after this time. */
  createdFrom?: number;
  /** Created before this time. */
  createdUntil?: number;
  /** The HTTP status of the latest attempt. */
  statusCodes?: number[];
  after?: SearchCursor;
  limit: number;
}

/** The filters of `GET /v1/events`. `subscriptionId`: events with a delivery to it. */
export type EventSearch = Omit<DeliverySearch, 'states' | 'statusCodes'>;

/** What the metrics read from the store on each scrape (observability/queue-gauges.ts). */
export interface QueueSummary {
  deliveries: Record<DeliveryState, number>;
  /** Pending deliveries that have failed at least once since they were queued. */
  retrying: number;
  /** The earliest nextAttemptAt among pending deliveries already due at `now`, or null. */
  oldestDueAt: number | null;
  subscriptions: Record<SubscriptionStatus, number>;
}
