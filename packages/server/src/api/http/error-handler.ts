import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { errorResponse } from './error-response.js';

/**
 * Fastify's error handler: every error leaves in the RingCentral shape with its headers set.
 * Logs name the request, never its body or headers (they may carry tokens and secrets).
 */
export function errorHandler(ctx: AppContext) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const response = errorResponse(error, ctx.config, request.id);
    if (response.log === 'error') request.log.error({ err: error }, 'request failed');
    if (response.log === 'warn') request.log.warn({ err: error }, 'store unavailable');
    void reply.status(response.status).headers(response.headers).send(response.body);
  };
}
