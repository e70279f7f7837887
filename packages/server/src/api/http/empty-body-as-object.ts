import type { FastifyRequest } from 'fastify';

/**
 * A `preValidation` hook: on routes with a body schema, no body means `{}`, so the schema names
 * each missing field (`eventFilters` is required) instead of saying "body must be object", and
 * an optional body (PUT, §3.4) reaches its handler as `{}`.
 */
export async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  if (request.body === undefined && request.routeOptions.schema?.body !== undefined) request.body = {};
}
