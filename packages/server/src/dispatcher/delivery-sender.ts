import type { Logger } from 'pino';
import type { HttpPools } from '../outbound/http-pools.js';
import type { DeliveryRequest } from './delivery-request.js';
import { type Send, sendDelivery } from './send-delivery.js';
import type { SendOutcome } from './send-notification.js';

/**
 * Where attempts are sent from: this thread (`inlineSender`) or sender threads (`SenderThreads`).
 * `send` never rejects; it resolves to null when the attempt was lost before its outcome was
 * known (a sender thread died): the caller gives the delivery back unrecorded, to be sent again.
 */
export interface DeliverySender {
  /** Gets ready to send (starts threads), so the first attempt does not wait for that. */
  start?(): void;
  send(request: DeliveryRequest, eventBody: Buffer): Promise<SendOutcome | null>;
  /** After the attempts in flight have finished: closes connections and threads. */
  close(): Promise<void>;
}

/**
 * Sends on the dispatcher's own event loop, through `pools`: used with `senderThreads: 0`, and
 * whenever the sending is injected (a test's `send`, a test's DNS) since functions cannot cross
 * to another thread.
 *
 * @example
 * const sender = inlineSender(sendNotification, pools, logger);
 */
export function inlineSender(send: Send, pools: HttpPools, logger: Logger): DeliverySender {
  return {
    send: (request, eventBody) =>
      sendDelivery(send, pools, request, eventBody, (err) =>
        logger.error({ err, deliveryId: request.deliveryId }, 'sending a notification failed unexpectedly'),
      ),
    close: () => pools.close(),
  };
}
