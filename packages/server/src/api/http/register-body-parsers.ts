import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../errors.js';

/**
 * JSON only. An empty body counts as "no body" whatever its content type, because RingCentral
 * SDKs send `Content-Type: application/json` with nothing after it (renew, empty PUT, §3.6).
 * A non-empty body of another type is 415 SWB-105; malformed JSON is 400 SWB-107 (error-handler.ts
 * maps Fastify's own parse error). Prototype-poisoning keys are refused as malformed.
 */
export function registerBodyParsers(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') done(null, undefined);
    else parseJson(request, text, done);
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    if ((body as string).trim() === '') done(null, undefined);
    else done(new ApiError('SWB-105'), undefined);
  });
}
