import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import type { Role } from '../../model.js';
import { authenticate } from './authenticate.js';
import './principal-of.js';

/**
 * An `onRequest` hook: authenticates, then checks the role. It runs before the body is read, so
 * an anonymous or wrong-role caller gets 401/403 without the server buffering a large body, and
 * before validation, so a wrong-role caller learns the real reason first.
 *
 * @example
 * app.post('/v1/events', { onRequest: allow(ctx, PUBLISHERS, 'publish events') }, handler);
 */
export function allow(ctx: AppContext, roles: readonly Role[], action: string) {
  return async (request: FastifyRequest): Promise<void> => {
    const principal = await authenticate(ctx, request);
    if (!roles.includes(principal.role)) {
      throw new ApiError('SWB-103', { role: principal.role, action });
    }
    request.principal = principal;
  };
}
