import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { ServerMetrics } from '../../observability/metrics.js';
import type { ApiInstance } from '../api-instance.js';
import { authenticate } from '../auth/authenticate.js';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** Constant-time comparison of two bearer strings (hashed first, so the lengths match). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `GET /metrics` in Prometheus' text format. Protected (metrics show traffic and tenants'
 * failure rates): the configured `metricsToken` as a bearer (what a Prometheus scrape job sends
 * with `authorization.credentials_file`), or a server admin's API token.
 */
export function metricsRoutes(app: ApiInstance, ctx: AppContext): void {
  const metrics = new ServerMetrics({ events: ctx.events, store: ctx.store, clock: ctx.clock });
  app.addHook('onClose', async () => metrics.close());

  const allowScrape = async (request: FastifyRequest): Promise<void> => {
    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const { metricsToken } = ctx.config;
    if (bearer !== undefined && metricsToken !== null && sameSecret(bearer, metricsToken)) return;
    const principal = await authenticate(ctx, request);
    if (principal.role !== 'admin')
      throw new ApiError('SWB-103', { role: principal.role, action: 'read metrics' });
  };

  app.get('/metrics', { onRequest: allowScrape }, async (_request, reply) => {
    const text = await metrics.render();
    return reply.type(metrics.contentType).send(text);
  });
}
