import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { reasonForError } from '../outbound/failure-reason.js';
import type { HttpPools } from '../outbound/http-pools.js';
import type { ClaimedDelivery } from '../store/store.js';
import { buildNotification } from './build-notification.js';
import { notificationHeaders } from './notification-headers.js';
import type { SendOutcome, SendRequest } from './send-notification.js';

/** How a notification leaves: `sendNotification`, or a stand-in injected by tests and tools. */
export type Send = (pools: HttpPools, request: SendRequest) => Promise<SendOutcome>;

/** What sending a claimed delivery needs. */
export interface SendingDeps {
  send: Send;
  pools: HttpPools;
  clock: Clock;
  config: Pick<Readonly<Config>, 'deliveryTimeoutMs' | 'responseSnippetBytes'>;
  logger: Logger;
}

/**
 * Builds a claimed delivery's notification around its event body's shared bytes, signs it and
 * sends it. **Never throws**: a failure while building or sending is an outcome in RingCentral's
 * wording, like any other.
 *
 * @example
 * const { startedAt, outcome } = await sendClaimedDelivery(deps, claim, queue.bodies.get(claim.event.id));
 */
export async function sendClaimedDelivery(
  { send, pools, clock, config, logger }: SendingDeps,
  claim: ClaimedDelivery,
  eventBody: Buffer,
): Promise<{ startedAt: number; outcome: SendOutcome }> {
  const startedAt = clock.now();
  try {
    const body = buildNotification(claim, eventBody);
    const headers = notificationHeaders({
      uuid: claim.delivery.uuid,
      body,
      verificationToken: claim.subscription.verificationToken,
      signingSecrets: claim.subscription.signingSecrets,
      nowMs: startedAt,
    });
    const outcome = await send(pools, {
      address: claim.subscription.address,
      headers,
      body,
      timeoutMs: config.deliveryTimeoutMs,
      maxResponseBytes: config.responseSnippetBytes,
    });
    return { startedAt, outcome };
  } catch (err) {
    logger.error({ err, deliveryId: claim.delivery.id }, 'sending a notification failed unexpectedly');
    const outcome: SendOutcome = {
      status: null,
      latencyMs: 0,
      ok: false,
      gone: false,
      error: reasonForError(err),
      responseSnippet: null,
      retryAfterMs: null,
    };
    return { startedAt, outcome };
  }
}
