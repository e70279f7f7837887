import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import serverPackage from '../../../package.json' with { type: 'json' };
import { documentRoute } from './document-route.js';
import { ERROR_SCHEMA } from './error-responses.js';
import { registerReferencePage } from './register-reference-page.js';

const TAGS = [
  {
    name: 'RingCentral Subscription API',
    description: "RingCentral's six subscription endpoints, wire-compatible.",
  },
  {
    name: 'Subscriptions',
    description: "Switchboard's view of subscriptions: health, deliveries, recovery, secrets.",
  },
  { name: 'Events', description: 'Publishing events and finding them again.' },
  { name: 'Deliveries', description: 'One notification to one subscription: search, inspect, redeliver.' },
  { name: 'Live stream', description: 'What happens, as it happens (Server-Sent Events).' },
  { name: 'Tokens', description: 'API tokens (server admins only).' },
  {
    name: 'OAuth and accounts',
    description:
      "RingCentral's OAuth endpoints, who am I, and the apps, credentials and directory behind them.",
  },
  { name: 'Operations', description: 'Health probes, metrics and this reference.' },
];

/**
 * OpenAPI 3.1 generated from the route schemas (@fastify/swagger), served at `/openapi.json` and
 * `/openapi.yaml`, and the interactive reference at `/docs` (Swagger UI, served from this server:
 * no CDN, no web fonts). Must be registered before the routes, which it collects as they are added.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Switchboard API',
        version: serverPackage.version,
        description:
          "A self-hosted, RingCentral-compatible webhook server. Every error has RingCentral's shape `{errorCode, message, errors}`; every response carries `RCRequestId` and `X-Request-Id`.",
      },
      tags: TAGS,
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token (`sbt_…`): `switchboard tokens create`.',
          },
          metricsToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The `metricsToken` configuration value.',
          },
        },
        schemas: { Error: ERROR_SCHEMA },
      },
    },
    transform: documentRoute,
  });
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json').send(app.swagger()));
  app.get('/openapi.yaml', async (_request, reply) =>
    reply.type('application/yaml').send(app.swagger({ yaml: true })),
  );
  await registerReferencePage(app);
}
