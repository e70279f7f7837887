import type { Attempt } from '../model.js';

/** The kinds of events `GET /v1/stream` sends, as SSE `event:` names. */
export type StreamEventType =
  | 'delivery.attempted'
  | 'delivery.dead'
  | 'subscription.blacklisted'
  | 'subscription.reactivated'
  | 'subscription.expired';

/** One event of the live stream, kept in the replay window. */
export interface StreamEntry {
  /** Position in this server's stream: strictly increasing, no gaps. */
  seq: number;
  type: StreamEventType;
  subscriptionId: string;
  /** Whose it is, for tenancy: the subscription's owner. */
  accountId: string;
  extensionId: string;
  /** The SSE frame, serialised when first read, once however many clients receive it. */
  frame: string;
}

/** What a stream event's `data:` line holds. */
export interface StreamData {
  type: StreamEventType;
  time: string;
  subscriptionId: string;
  deliveryId?: string;
  attempt?: Pick<Attempt, 'attemptNo' | 'status' | 'latencyMs' | 'error'>;
  reason?: string;
}

/** The SSE frame of one entry: `id:` lets a reconnecting client resume with `Last-Event-ID`. */
export function streamFrame(id: string, data: StreamData): string {
  return `id: ${id}\nevent: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
}
