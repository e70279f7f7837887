import type { Attempt, Delivery, DeliveryState, EventRecord, Role, Subscription, Token } from '../model.js';
import type { ClaimedDelivery } from './store.js';

/**
 * Row → record mapping shared by both backends: these tables hold only text and integers, which
 * SQLite and PostgreSQL (BIGINT parsed to number, see postgres/rows.ts) return as the same
 * JavaScript values. Subscriptions differ (JSON text vs JSONB, 0/1 vs BOOLEAN) and are mapped in
 * each backend's rows.ts.
 */

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

export interface EventRow {
  id: string;
  account_id: string;
  path: string;
  body_json: string;
  publisher_id: string | null;
  created_at: number;
  matched: number;
  published_by: string | null;
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
    publishedBy: r.published_by,
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
  ordering_key?: string | null;
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
    // Only ordered deliveries carry the field: an unordered one reads exactly as before ordering existed.
    ...(r.ordering_key != null ? { orderingKey: r.ordering_key } : {}),
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

/** The subscription columns a sender needs; `signing_secrets` is JSON text (SQLite) or parsed JSONB. */
export interface SendTargetRow {
  subscription_id: string;
  account_id: string;
  extension_id: string;
  address: string;
  verification_token: string | null;
  signing_secrets: string | Subscription['signingSecrets'];
}

/** Parsed signing secrets by their JSON text: a claim's rows mostly share a few subscriptions. */
const parsedSecrets = new Map<string, Subscription['signingSecrets']>();

function signingSecrets(value: SendTargetRow['signing_secrets']): Subscription['signingSecrets'] {
  if (typeof value !== 'string') return value;
  let parsed = parsedSecrets.get(value);
  if (!parsed) {
    if (parsedSecrets.size >= 1024) parsedSecrets.clear();
    parsed = JSON.parse(value) as Subscription['signingSecrets'];
    parsedSecrets.set(value, parsed);
  }
  return parsed;
}

export function sendTargetFromRow(r: SendTargetRow): ClaimedDelivery['subscription'] {
  return {
    id: r.subscription_id,
    accountId: r.account_id,
    extensionId: r.extension_id,
    address: r.address,
    verificationToken: r.verification_token,
    signingSecrets: signingSecrets(r.signing_secrets),
  };
}

/**
 * A claim's row: the delivery's columns, its event's time, its subscription's target, and its
 * event's body on the first row of each event only (null on the others, so a body is read once).
 */
export type ClaimRow = DeliveryRow & SendTargetRow & { body_json: string | null; event_created_at: number };

/** A claim's rows as deliveries; rows of one event share the one body string the claim read. */
export function claimedFromRows(rows: ClaimRow[]): ClaimedDelivery[] {
  const bodies = new Map<string, string>();
  for (const r of rows) if (r.body_json !== null) bodies.set(r.event_id, r.body_json);
  return rows.map((r) => ({
    delivery: deliveryFromRow(r),
    event: { id: r.event_id, bodyJson: bodies.get(r.event_id) ?? 'null', createdAt: r.event_created_at },
    subscription: sendTargetFromRow(r),
  }));
}
