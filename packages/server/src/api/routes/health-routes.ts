import type { AppContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import type { ApiInstance } from '../api-instance.js';

/** Retry-After for a store that does not answer: probes come again soon anyway. */
const RETRY_AFTER_SECONDS = '5';

/**
 * `/healthz`: the process is up (liveness, never fails). `/readyz`: the store answers, so a load
 * balancer only sends traffic to nodes that can serve it.
 */
export function healthRoutes(app: ApiInstance, ctx: AppContext): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    try {
      await ctx.store.countTokens();
      return { status: 'ok' };
    } catch (err) {
      request.log.warn({ err }, 'store not ready');
      const error = new ApiError('CMN-201', {}, { detail: 'the store does not answer' });
      return reply.status(503).header('Retry-After', RETRY_AFTER_SECONDS).send(error.toBody());
    }
  });
}
