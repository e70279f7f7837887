import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../model.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the `allow` hook before the body is read; null on routes without authentication. */
    principal: Principal | null;
  }
}

/** The caller of a route guarded by `allow` (auth/allow.ts). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`route ${request.routeOptions.url} has no allow() hook`);
  return request.principal;
}
