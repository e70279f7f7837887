/**
 * The domain records every module speaks. Times are epoch milliseconds (numbers) inside the
 * server; they become ISO-8601 strings only at the API edge.
 */

/**
 * `account-admin` holds RingCentral's admin permissions within its account: account-wide filters,
 * other extensions' subscriptions and events (docs/reliability.md, finding 6). `admin` is the server's.
 */
export type Role = 'admin' | 'account-admin' | 'publisher' | 'user';

/** The default account and extension of a fresh server; `~` in the admin's filters expands to these. */
export const DEFAULT_ACCOUNT_ID = '1001';
export const DEFAULT_EXTENSION_ID = '2001';

/** Who is calling: resolved from a bearer token by the API. */
export interface Principal {
  tokenId: string;
  role: Role;
  accountId: string;
  extensionId: string;
}

export interface Token {
  id: string;
  name: string;
  role: Role;
  accountId: string;
  extensionId: string;
  /** SHA-256 of the bearer string, hex. The bearer string itself is never stored. */
  hash: string;
  createdAt: number;
  revokedAt: number | null;
}

/**
 * `Expired` is Switchboard's own: the RingCentral API answers 404 for it, /v1 shows it for a
 * grace period (docs/decisions.md "Subscriptions").
 */
export type SubscriptionStatus = 'Active' | 'Blacklisted' | 'Expired';

export interface SigningSecret {
  secret: string;
  /** A rotated-out secret is still used (a second signature) until this time; null = current. */
  expiresAt: number | null;
}

/**
 * A subscription's opt-in to ordered delivery per key (docs/ordering.md), a Switchboard extension.
 * `key` is where the key is read from each notification (`body.<field>[.<field>…]` or `path`);
 * null means the default for the event's type (publish/ordering-key.ts). `onDead` says what a
 * dead delivery does to its key: `skip` lets the next one go, `block` holds the key until redelivered.
 */
export interface SubscriptionOrdering {
  key: string | null;
  onDead: 'skip' | 'block';
}

export interface Subscription {
  id: string;
  accountId: string;
  extensionId: string;
  /** Filters as stored: `~` expanded, normalised. */
  eventFilters: string[];
  address: string;
  verificationToken: string | null;
  signingSecrets: SigningSecret[];
  status: SubscriptionStatus;
  createdAt: number;
  expiresAt: number;
  /** The TTL asked for at creation or last update, used again by renew. */
  expiresIn: number;
  blacklistedAt: number | null;
  blacklistedReason: string | null;
  /** False after a 410: the receiver asked to stop, so it is never probed. */
  probeEnabled: boolean;
  nextProbeAt: number | null;
  /** Start of the current run of failures; null while healthy. */
  failingSince: number | null;
  consecutiveFailures: number;
  lastSuccessAt: number | null;
  /** From the reminder filter `/restapi/v1.0/subscription/~?threshold=T&interval=I`, in seconds. */
  reminderThreshold: number | null;
  reminderInterval: number | null;
  lastReminderAt: number | null;
  updatedAt: number;
  /** Absent or null: unordered, as RingCentral delivers. */
  ordering?: SubscriptionOrdering | null;
}

export type DeliveryState = 'pending' | 'delivered' | 'dead' | 'expired';

export interface EventRecord {
  id: string;
  accountId: string;
  /** The concrete published path, with its query string of attributes. */
  path: string;
  /** The body exactly as published, serialised once. */
  bodyJson: string;
  publisherId: string | null;
  createdAt: number;
  /** The answer given for this event (for idempotent republish): how many subscriptions matched. */
  matched: number;
  /** The token that published it, which may read its deliveries; null for reminders and old events. */
  publishedBy?: string | null;
}

export interface Delivery {
  id: string;
  /** The notification `uuid`: stable across retries of this delivery. */
  uuid: string;
  eventId: string;
  subscriptionId: string;
  /** The subscription's stored filter that matched: the envelope's `event`. */
  filter: string;
  state: DeliveryState;
  /** Attempts made in all, for the attempt log. */
  attempts: number;
  /** Failures since the delivery was last queued: the position in the retry schedule. */
  retryStep: number;
  nextAttemptAt: number;
  createdAt: number;
  updatedAt: number;
  lastStatus: number | null;
  lastError: string | null;
  /** The ordering key of a delivery to an ordered subscription; absent or null when unordered. */
  orderingKey?: string | null;
}

export interface Attempt {
  deliveryId: string;
  attemptNo: number;
  startedAt: number;
  latencyMs: number;
  /** HTTP status, or null when no response arrived. */
  status: number | null;
  /** What went wrong, in RingCentral's wording where one exists; null on success. */
  error: string | null;
  /** The first bytes of the response body, for the attempt log. */
  responseSnippet: string | null;
}
