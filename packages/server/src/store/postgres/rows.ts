import pg, { type CustomTypesConfig } from 'pg';
import type { Subscription, SubscriptionOrdering, SubscriptionStatus } from '../../model.js';

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

export {
  type AttemptRow,
  attemptFromRow,
  type DeliveryRow,
  deliveryFromRow,
  type EventRow,
  eventFromRow,
  type TokenRow,
  tokenFromRow,
} from '../record-rows.js';

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
  ordering: SubscriptionOrdering | null;
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
    ...(r.ordering ? { ordering: r.ordering } : {}),
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
    ['ordering', s.ordering ? JSON.stringify(s.ordering) : null],
  ];
}
