import type { HttpPoolsOptions } from '../outbound/http-pools.js';
import type { DeliveryRequest } from './delivery-request.js';
import type { SendOutcome } from './send-notification.js';

/** What a sender thread is started with (`workerData`): its own pools' options, all plain data. */
export interface SenderThreadOptions {
  pools: Omit<HttpPoolsOptions, 'guard'> & { guard: { allowHttp: boolean; allowPrivate: boolean } };
}

/**
 * The dispatcher → sender thread messages. A batch carries each event body the thread does not
 * hold yet, once, and names the bodies it may drop (the dispatcher counts who holds what, so the
 * thread never drops a body a request still on its way needs).
 */
export type ToSenderThread =
  | {
      type: 'send';
      release: string[];
      bodies: Array<[eventId: string, body: Uint8Array]>;
      requests: Array<[requestNo: number, request: DeliveryRequest]>;
    }
  | { type: 'close' };

/** The sender thread → dispatcher messages: outcomes in batches; `closed` once its pools are. */
export type FromSenderThread =
  | { type: 'outcomes'; outcomes: Array<[requestNo: number, outcome: SendOutcome]>; unexpected: string[] }
  | { type: 'closed' };
