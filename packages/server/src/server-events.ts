import { EventEmitter } from 'node:events';
import type { Attempt } from './model.js';

/**
 * What the server reports as it works: logs (observability/event-log.ts), metrics and the
 * dashboard's live view subscribe here instead of being called from the dispatcher
 * (docs/architecture.md "Data flow"). Payloads carry ids and reasons, never a secret.
 */
export interface ServerEventMap {
  'delivery:attempted': [{ subscriptionId: string; deliveryId: string; attempt: Attempt }];
  'delivery:succeeded': [{ subscriptionId: string; deliveryId: string; attempt: Attempt }];
  /** `attempt` is the last one: its `error` says why the delivery gave up. */
  'delivery:dead': [{ subscriptionId: string; deliveryId: string; attempt: Attempt }];
  'subscription:blacklisted': [{ subscriptionId: string; reason: string }];
  'subscription:reactivated': [{ subscriptionId: string }];
  'subscription:expired': [{ subscriptionId: string }];
  /**
   * A create or renewal was refused because the address failed the handshake. `origin` is the
   * address's scheme, host and port only: its path and query may hold the user's own secrets.
   */
  'subscription:handshake-failed': [{ origin: string; code: string; detail: string }];
  'events:published': [{ eventIds: string[]; deliveries: number }];
  /** A validation request finished: on create, on an address change, or probing a blacklisted one. */
  'handshake:completed': [{ ok: boolean; code: string | null; latencyMs: number }];
  /** A store call on the delivery path finished (claim, record), with how long it took. */
  'store:timed': [{ operation: 'claimDue' | 'recordAttempts'; durationMs: number }];
}

export class ServerEvents extends EventEmitter<ServerEventMap> {}
