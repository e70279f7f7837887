import pg, { type CustomTypesConfig } from 'pg';
import type {
  Attempt,
  Delivery,
  DeliveryState,
  EventRecord,
  Role,
  Subscription,
  SubscriptionStatus,
  Token,
} from '../../model.js';

/**
 * Row ↔ record mapping for PostgreSQL: snake_case columns, JSONB for lists (parsed by the driver),
 * BOOLEAN for booleans, BIGINT epoch milliseconds for times.
 */

const INT8_OID = 20;

/**
 * The pool's type parsers: BIGINT (times, counts) as a JavaScript number instead of pg's default
 * string, so both backends return the same records. Epoch milliseconds stay far below 2^53.
 * Set per pool, never globally, so other users of `pg` in the process are unaffected.
 */
export const rowTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

export interface TokenRow {
  id: string;
  name: string;
  role: string;
  account_id: string;
  extension_id: string;
  hash: string;
  created_at: number;
  revoked_at: number | null;
}

export function tokenFromRow(r: TokenRow): Token {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    accountId: r.account_id,
    extensionId: r.extension_id,
    hash: r.hash,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  };
}

export interface SubscriptionRow {
  id: string;
  account_id: string;
  extension_id: string;
  event_filters: string[];
  address: string;
  verification_token: string | null;
  signing_secrets: Subscription['signingSecrets'];
  status: string;
  created_at: number;
  expires_at: number;
  expires_in: number;
  blacklisted_at: number | null;
  blacklisted_reason: string | null;
  probe_enabled: boolean;
  next_probe_at: number | null;
  failing_since: number | null;
  consecutive_failures: number;
  last_success_at: number | null;
  reminder_threshold: number | null;
  reminder_interval: number | null;
  last_reminder_at: number | null;
  updated_at: number;
}

export function subscriptionFromRow(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    accountId: r.account_id,
    extensionId: r.extension_id,
    eventFilters: r.event_filters,
    address: r.address,
    verificationToken: r.verification_token,
    signingSecrets: r.signing_secrets,
    status: r.status as SubscriptionStatus,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    expiresIn: r.expires_in,
    blacklistedAt: r.blacklisted_at,
    blacklistedReason: r.blacklisted_reason,
    probeEnabled: r.probe_enabled,
    nextProbeAt: r.next_probe_at,
    failingSince: r.failing_since,
    consecutiveFailures: r.consecutive_failures,
    lastSuccessAt: r.last_success_at,
    reminderThreshold: r.reminder_threshold,
    reminderInterval: r.reminder_interval,
    lastReminderAt: r.last_reminder_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Column names and query values for a subscription record, in one order (the inverse of
 * subscriptionFromRow). JSONB values are passed as JSON text: pg would send a JavaScript array as
 * a PostgreSQL array.
 */
export function subscriptionToRow(s: Subscription): Array<[keyof SubscriptionRow, unknown]> {
  return [
    ['id', s.id],
    ['account_id', s.accountId],
    ['extension_id', s.extensionId],
    ['event_filters', JSON.stringify(s.eventFilters)],
    ['address', s.address],
    ['verification_token', s.verificationToken],
    ['signing_secrets', JSON.stringify(s.signingSecrets)],
    ['status', s.status],
    ['created_at', s.createdAt],
    ['expires_at', s.expiresAt],
    ['expires_in', s.expiresIn],
    ['blacklisted_at', s.blacklistedAt],
    ['blacklisted_reason', s.blacklistedReason],
    ['probe_enabled', s.probeEnabled],
    ['next_probe_at', s.nextProbeAt],
    ['failing_since', s.failingSince],
    ['consecutive_failures', s.consecutiveFailures],
    ['last_success_at', s.lastSuccessAt],
    ['reminder_threshold', s.reminderThreshold],
    ['reminder_interval', s.reminderInterval],
    ['last_reminder_at', s.lastReminderAt],
    ['updated_at', s.updatedAt],
  ];
}

export interface EventRow {
  id: string;
  account_id: string;
  path: string;
  body_json: string;
  publisher_id: string | null;
  created_at: number;
  matched: number;
}

export function eventFromRow(r: EventRow): EventRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    path: r.path,
    bodyJson: r.body_json,
    publisherId: r.publisher_id,
    createdAt: r.created_at,
    matched: r.matched,
  };
}

export interface DeliveryRow {
  id: string;
  uuid: string;
  event_id: string;
  subscription_id: string;
  filter: string;
  state: string;
  attempts: number;
  retry_step: number;
  next_attempt_at: number;
  created_at: number;
  updated_at: number;
  last_status: number | null;
  last_error: string | null;
}

export function deliveryFromRow(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    uuid: r.uuid,
    eventId: r.event_id,
    subscriptionId: r.subscription_id,
    filter: r.filter,
    state: r.state as DeliveryState,
    attempts: r.attempts,
    retryStep: r.retry_step,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
  };
}

export interface AttemptRow {
  delivery_id: string;
  attempt_no: number;
  started_at: number;
  latency_ms: number;
  status: number | null;
  error: string | null;
  response_snippet: string | null;
}

export function attemptFromRow(r: AttemptRow): Attempt {
  return {
    deliveryId: r.delivery_id,
    attemptNo: r.attempt_no,
    startedAt: r.started_at,
    latencyMs: r.latency_ms,
    status: r.status,
    error: r.error,
    responseSnippet: r.response_snippet,
  };
}
