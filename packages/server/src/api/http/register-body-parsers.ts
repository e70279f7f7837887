import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../errors.js';
import { exceedsJsonDepth } from './exceeds-json-depth.js';

/**
 * Deeper than any real event body; far below what recursive walks of the body (JSON.stringify
 * when publishing, the response serialiser) survive: at 10 000 levels they overflow the stack.
 */
export const MAX_JSON_DEPTH = 512;

/** JSON is UTF-8 (RFC 8259 §8.1): invalid bytes are refused, not silently replaced by U+FFFD. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * JSON only. An empty body counts as "no body" whatever its content type, because RingCentral
 * SDKs send `Content-Type: application/json` with nothing after it (renew, empty PUT, §3.6).
 * A non-empty body of another type is 415 SWB-105; malformed JSON is 400 SWB-107 (error-handler.ts
 * maps Fastify's own parse error), and so are invalid UTF-8 and nesting deeper than
 * MAX_JSON_DEPTH. Prototype-poisoning keys are refused as malformed.
 */
export function registerBodyParsers(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new ApiError('SWB-107', {}, { detail: 'it is not valid UTF-8' }), undefined);
      return;
    }
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) done(error, undefined);
      else if (exceedsJsonDepth(value, MAX_JSON_DEPTH)) {
        done(
          new ApiError('SWB-107', {}, { detail: `it nests deeper than ${MAX_JSON_DEPTH} levels` }),
          undefined,
        );
      } else done(null, value);
    });
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    if ((body as string).trim() === '') done(null, undefined);
    else done(new ApiError('SWB-105'), undefined);
  });
}
