import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { invalidParameter } from '../errors.js';
import { clientErrorHandler } from './http/client-error-handler.js';
import { emptyBodyAsObject } from './http/empty-body-as-object.js';
import { errorHandler } from './http/error-handler.js';
import { notFoundHandler } from './http/not-found-handler.js';
import { registerBodyParsers } from './http/register-body-parsers.js';
import { requestIdHeaders, requestIdOf, stampRequestId } from './http/request-id.js';
import { registerOpenApi } from './openapi/register-openapi.js';
import { registerRateLimit } from './rate-limit/register-rate-limit.js';
import { deliveryRoutes } from './routes/delivery-routes.js';
import { directoryRoutes } from './routes/directory-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { metricsRoutes } from './routes/metrics-routes.js';
import { oauthAppRoutes } from './routes/oauth-app-routes.js';
import { oauthRoutes } from './routes/oauth-routes.js';
import { ringcentralSubscriptionRoutes } from './routes/ringcentral-subscription-routes.js';
import { searchRoutes } from './routes/search-routes.js';
import { streamRoutes } from './routes/stream-routes.js';
import { tokenRoutes } from './routes/token-routes.js';
import { v1SubscriptionRoutes } from './routes/v1-subscription-routes.js';

/**
 * Header and field paths that must never reach a log line, whatever a future log call includes.
 * Request bodies are never logged at all (Fastify logs method, url and status only).
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'verificationToken',
  '*.verificationToken',
  'signingSecret',
  '*.signingSecret',
  'token',
  '*.token',
];

/**
 * Builds the HTTP API (not listening, not yet `ready()`, so the caller may add the dashboard or
 * metrics before `listen`): the RingCentral Subscription API (§3), Switchboard's /v1
 * API, and health probes. Validation is strict — no type coercion, nothing removed, every error
 * reported — and every error leaves in the RingCentral shape (§3.7).
 *
 * @example
 * const app = await buildApi(ctx);
 * await app.listen({ host: ctx.config.host, port: ctx.config.port });
 */
export async function buildApi(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger.child(
      { component: 'api' },
      { redact: { paths: REDACT, censor: '[redacted]' } },
    ) as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimitBytes,
    // Slowloris (docs/reliability.md, finding 9): Fastify's default requestTimeout 0 would let a body trickle
    // forever. Node checks the limits every connectionsCheckingInterval: keep it below them.
    requestTimeout: ctx.config.requestTimeoutMs,
    http: {
      headersTimeout: ctx.config.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, Math.ceil(ctx.config.headersTimeoutMs / 2)),
    },
    genReqId: requestIdOf,
    ajv: {
      customOptions: {
        coerceTypes: false,
        removeAdditional: false,
        useDefaults: false,
        allErrors: true,
        verbose: true,
      },
    },
    // Requests Node's HTTP parser refuses leave in the RingCentral shape too.
    clientErrorHandler,
    // A malformed percent-encoding in the path is the client's input, not our failure.
    frameworkErrors: (_error, request, reply: FastifyReply) => {
      const error = invalidParameter('url', 'is not a valid URL path');
      void reply.headers(requestIdHeaders(request.id));
      void reply.status(error.status).send(error.toBody());
    },
  });
  app.server.maxConnections = ctx.config.maxConnections;
  app.addHook('onRequest', stampRequestId);
  app.decorateRequest('principal', null);
  registerBodyParsers(app);
  app.setErrorHandler(errorHandler(ctx));
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('preValidation', emptyBodyAsObject);
  registerRateLimit(app, ctx);

  await registerOpenApi(app);
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  healthRoutes(api, ctx);
  ringcentralSubscriptionRoutes(api, ctx);
  eventRoutes(api, ctx);
  v1SubscriptionRoutes(api, ctx);
  deliveryRoutes(api, ctx);
  tokenRoutes(api, ctx);
  searchRoutes(api, ctx);
  streamRoutes(api, ctx);
  metricsRoutes(api, ctx);
  oauthAppRoutes(api, ctx);
  directoryRoutes(api, ctx);
  await app.register(async (scope) => oauthRoutes(scope, ctx));
  return app;
}
