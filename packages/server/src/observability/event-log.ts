import type { Logger } from 'pino';
import type { ServerEventMap, ServerEvents } from '../server-events.js';

/**
 * Writes one structured log line for each server event an operator must hear about: a delivery
 * gone dead, a subscription blacklisted, reactivated or expired, a handshake that refused a
 * create or renewal. Each line carries `event` (the event's name), the ids and the reason; the
 * payloads hold no secret, and nothing else is added. Returns a function that unsubscribes.
 *
 * @example
 * const stopLogging = logServerEvents(ctx.events, ctx.logger);
 * // {"level":40,"event":"delivery:dead","subscriptionId":"…","deliveryId":"…","attempts":11,
 * //  "status":500,"reason":"Webhook responses with code: [500], reason: [Internal Server Error]",
 * //  "msg":"delivery dead: no retries left"}
 */
export function logServerEvents(events: ServerEvents, logger: Logger): () => void {
  const log = logger.child({ component: 'events' });
  const unsubscribes: (() => void)[] = [];
  const on = <E extends keyof ServerEventMap>(name: E, listener: Parameters<typeof events.on<E>>[1]) => {
    events.on(name, listener);
    unsubscribes.push(() => events.off(name, listener));
  };
  on('delivery:dead', ({ subscriptionId, deliveryId, attempt }) =>
    log.warn(
      {
        event: 'delivery:dead',
        subscriptionId,
        deliveryId,
        attempts: attempt.attemptNo,
        status: attempt.status,
        reason: attempt.error,
      },
      'delivery dead: no retries left',
    ),
  );
  on('subscription:blacklisted', ({ subscriptionId, reason }) =>
    log.warn({ event: 'subscription:blacklisted', subscriptionId, reason }, 'subscription blacklisted'),
  );
  on('subscription:reactivated', ({ subscriptionId }) =>
    log.info({ event: 'subscription:reactivated', subscriptionId }, 'subscription active again'),
  );
  on('subscription:expired', ({ subscriptionId }) =>
    log.info(
      { event: 'subscription:expired', subscriptionId, reason: 'expiration time reached' },
      'subscription expired',
    ),
  );
  on('subscription:handshake-failed', ({ origin, code, detail }) =>
    log.warn(
      { event: 'subscription:handshake-failed', origin, code, reason: detail },
      'handshake failed; subscription not changed',
    ),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
