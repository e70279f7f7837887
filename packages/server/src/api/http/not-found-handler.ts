import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../errors.js';

/** Unknown routes answer 404 SWB-106 in the RingCentral shape, naming what was asked for. */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  const path = (request.url.split('?')[0] ?? '').slice(0, 200);
  const error = new ApiError('SWB-106', { method: request.method, path });
  void reply.status(error.status).send(error.toBody());
}
