import { reasonForError } from '../outbound/failure-reason.js';
import type { HttpPools } from '../outbound/http-pools.js';
import { buildNotification } from './build-notification.js';
import type { DeliveryRequest } from './delivery-request.js';
import { notificationHeaders } from './notification-headers.js';
import type { SendOutcome, SendRequest } from './send-notification.js';

/** How a notification leaves: `sendNotification`, or a stand-in injected by tests and tools. */
export type Send = (pools: HttpPools, request: SendRequest) => Promise<SendOutcome>;

/**
 * Builds one delivery's notification around its event body's shared bytes, signs it and sends
 * it. The same code runs on the dispatcher's thread and on sender threads (`SenderThreads`).
 * **Never throws**: a failure while building or sending is an outcome in RingCentral's wording,
 * like any other; `onUnexpected` hears of the ones that are our fault.
 *
 * @example
 * const outcome = await sendDelivery(send, pools, deliveryRequestOf(claim, now, config), body);
 */
export async function sendDelivery(
  send: Send,
  pools: HttpPools,
  request: DeliveryRequest,
  eventBody: Uint8Array,
  onUnexpected: (err: unknown) => void = () => {},
): Promise<SendOutcome> {
  try {
    const body = buildNotification(request, eventBody);
    const headers = notificationHeaders({
      uuid: request.uuid,
      body,
      verificationToken: request.verificationToken,
      signingSecrets: request.signingSecrets,
      nowMs: request.startedAt,
    });
    return await send(pools, {
      address: request.address,
      headers,
      body,
      timeoutMs: request.timeoutMs,
      maxResponseBytes: request.maxResponseBytes,
    });
  } catch (err) {
    onUnexpected(err);
    return {
      status: null,
      latencyMs: 0,
      ok: false,
      gone: false,
      error: reasonForError(err),
      responseSnippet: null,
      retryAfterMs: null,
    };
  }
}
