import { EventEmitter } from 'node:events';
import type { Attempt } from './model.js';

/**
 * What the server reports as it works (STYLE.md §11): logs, metrics and the dashboard's live view
 * subscribe here instead of being called from the dispatcher.
 */
export interface ServerEventMap {
  'delivery:attempted': [{ subscriptionId: string; deliveryId: string; attempt: Attempt }];
  'delivery:succeeded': [{ subscriptionId: string; deliveryId: string; attempt: Attempt }];
  'delivery:dead': [{ subscriptionId: string; deliveryId: string }];
  'subscription:blacklisted': [{ subscriptionId: string; reason: string }];
  'subscription:reactivated': [{ subscriptionId: string }];
  'subscription:expired': [{ subscriptionId: string }];
  'events:published': [{ eventIds: string[]; deliveries: number }];
  /** A validation request finished: on create, on an address change, or probing a blacklisted one. */
  'handshake:completed': [{ ok: boolean; code: string | null; latencyMs: number }];
  /** A store call on the delivery path finished (claim, record), with how long it took. */
  'store:timed': [{ operation: 'claimDue' | 'recordAttempts'; durationMs: number }];
}

export class ServerEvents extends EventEmitter<ServerEventMap> {}
