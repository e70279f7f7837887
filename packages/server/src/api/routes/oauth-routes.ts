import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { authenticateClient } from '../../oauth/authenticate-client.js';
import { exchangeToken } from '../../oauth/exchange-token.js';
import { OAuthError } from '../../oauth/oauth-error.js';
import { revokeToken } from '../../oauth/revoke-token.js';
import type { TokenForm } from '../../oauth/token-form.js';
import { errorHandler } from '../http/error-handler.js';
import { registerFormParser } from '../http/register-form-parser.js';
import { oauthAuthorizeRoutes } from './oauth-authorize-routes.js';

/** RFC 6749 §5.1: token responses must not be cached. */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/**
 * RingCentral's OAuth endpoints, as its SDKs call them (issue 13): `POST /restapi/oauth/token`
 * (JWT bearer, refresh_token, password and authorization_code grants) and
 * `POST /restapi/oauth/revoke`, form-encoded with HTTP Basic client authentication, errors in
 * the OAuth shape `{error, error_description, errors}`. In their own scope, so the JSON-only
 * parsers of the rest of the API stay as they are.
 */
export async function oauthRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  registerFormParser(scope);
  const fallback = errorHandler(ctx);
  scope.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (!(error instanceof OAuthError)) return fallback(error, request, reply);
    void reply.status(error.httpStatus).headers(error.headers).headers(NO_STORE).send(error.toOAuthBody());
  });

  scope.post('/restapi/oauth/token', async (request, reply) => {
    const form = formOf(request);
    const client = await authenticateClient(ctx.store, request.headers.authorization, form);
    const info = await exchangeToken(ctx, client, form);
    return reply.headers(NO_STORE).send(info);
  });

  oauthAuthorizeRoutes(scope, ctx);

  scope.post('/restapi/oauth/revoke', async (request, reply) => {
    const form = formOf(request);
    const client = await authenticateClient(ctx.store, request.headers.authorization, form);
    const query = request.query as Record<string, unknown>;
    const token = form.token ?? (typeof query.token === 'string' ? query.token : undefined);
    if (token) await revokeToken(ctx, client.app.clientId, token);
    return reply.headers(NO_STORE).status(200).send();
  });
}

function formOf(request: FastifyRequest): TokenForm {
  return (request.body ?? {}) as TokenForm;
}
