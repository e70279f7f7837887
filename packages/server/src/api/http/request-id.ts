import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * What a caller may pass in `X-Request-Id` and see reused: short and free of anything that could
 * forge a log line or a header. Anything else gets a fresh id.
 */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Fastify's `genReqId`: the caller's `X-Request-Id` when it is safe to repeat (so a proxy's id
 * follows the request through our logs), else a fresh UUID. RingCentral answers with a
 * `RCRequestId` on every response; so do we, beside the conventional `X-Request-Id`.
 *
 * @example
 * Fastify({ genReqId: requestIdOf });
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && CALLER_REQUEST_ID.test(given)) return given;
  return randomUUID();
}

/** Names both response headers once; the stream route writes them by hand (it hijacks the reply). */
export function requestIdHeaders(id: string): Record<string, string> {
  return { RCRequestId: id, 'X-Request-Id': id };
}

/** A global `onRequest` hook: runs before authentication, so 401s and 404s carry the id too. */
export async function stampRequestId(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  void reply.headers(requestIdHeaders(request.id));
}
