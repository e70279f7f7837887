/**
 * The notification envelope every webhook carries (ringcentral-protocol.md §5.3).
 *
 * `Notification` is the normalised shape the receiver returns and the server emits: every id
 * a string, `timestamp` ISO-8601 UTC with `Z` and milliseconds.
 */
export interface Notification<Body = unknown> {
  /** Unique per notification and stable across retries: dedupe on it. Opaque (not always a UUID). */
  uuid: string;
  /** The subscription's event filter that matched, ids expanded, query string kept. */
  event: string;
  /** ISO-8601 UTC, e.g. `2026-01-08T10:00:00.000Z`. */
  timestamp: string;
  subscriptionId: string;
  /** Extension id of the subscription owner; RingCentral omits it in some team-messaging samples. */
  ownerId?: string;
  body: Body;
}

/** Subscription statuses; `Suspended` is legacy and only ever parsed (§1). */
export type SubscriptionStatus = 'Active' | 'Blacklisted' | 'Suspended';
