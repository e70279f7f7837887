import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { groupLimit, rateLimitGroup } from './rate-limit-group.js';
import { RateLimiter } from './rate-limiter.js';

/** Whether the API is rate limited: `auto` means in production only (docs/decisions.md "Modes"). */
export function rateLimitEnabled(config: AppContext['config']): boolean {
  return config.rateLimit === 'on' || (config.rateLimit === 'auto' && config.mode === 'production');
}

/**
 * Per-token rate limits (ringcentral-protocol.md §3.9). A `preParsing` hook: it runs after the
 * route's `allow` hook has authenticated the caller, and before the body is read, so a throttled
 * client costs no body buffering. Routes without a token (health probes) are not limited, except
 * RingCentral's OAuth endpoints (Auth group), limited per client address.
 * Every limited response carries `X-Rate-Limit-Group`, `-Limit`, `-Remaining` and `-Window`; over
 * the limit it is 429 CMN-301 with `Retry-After`.
 */
export function registerRateLimit(app: FastifyInstance, ctx: AppContext): void {
  if (!rateLimitEnabled(ctx.config)) return;
  const { config } = ctx;
  const limiter = new RateLimiter({
    windowMs: config.rateLimitWindowMs,
    penaltyMs: config.rateLimitPenaltyMs,
  });
  const windowSeconds = String(Math.ceil(config.rateLimitWindowMs / 1000));

  app.addHook('preParsing', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    const group = rateLimitGroup(request.method, request.routeOptions.url ?? '');
    // OAuth requests carry no token yet: RingCentral limits them per client, here its address.
    const caller = request.principal?.tokenId ?? (group === 'auth' ? `address ${request.ip}` : null);
    if (caller === null) return payload;
    const limit = groupLimit(group, config);
    const verdict = limiter.take(`${caller}\n${group}`, limit, ctx.clock.now());
    reply.headers({
      'X-Rate-Limit-Group': group,
      'X-Rate-Limit-Limit': String(limit),
      'X-Rate-Limit-Remaining': String(verdict.allowed ? verdict.remaining : 0),
      'X-Rate-Limit-Window': windowSeconds,
    });
    if (!verdict.allowed) {
      const seconds = Math.ceil(verdict.retryAfterMs / 1000);
      throw new ApiError(
        'CMN-301',
        {},
        {
          detail: `at most ${limit} ${group} requests per ${windowSeconds} s for this token; retry after ${seconds} s (each request before then restarts the wait)`,
          headers: { 'Retry-After': String(seconds) },
        },
      );
    }
    return payload;
  });
}
