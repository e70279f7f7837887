import type { FastifyInstance } from 'fastify';
import { OAuthError } from '../../oauth/oauth-error.js';
import { parseTokenForm } from '../../oauth/token-form.js';

/**
 * The body parsers of RingCentral's OAuth endpoints, inside their own Fastify scope: forms
 * (`application/x-www-form-urlencoded`, what the SDKs send) and nothing else. Any other non-empty
 * body is 415, as RingCentral's token endpoint answers it, in the OAuth error shape.
 */
export function registerFormParser(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, parseTokenForm(body as string));
    },
  );
  scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    if ((body as string).trim() === '') done(null, undefined);
    else done(unsupportedMediaType(), undefined);
  });
}

function unsupportedMediaType(): OAuthError {
  return new OAuthError(
    'invalid_request',
    'OAU-101',
    { parameter: 'Content-Type' },
    'send application/x-www-form-urlencoded',
    {
      parameterName: 'Content-Type',
      status: 415,
    },
  );
}
