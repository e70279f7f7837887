import type { FastifySchema } from 'fastify';
import type { ErrorCode } from '../../errors.js';
import { errorResponses } from './error-responses.js';
import { AUTHENTICATED_ERRORS, type RouteAuth, type RouteDoc } from './route-doc.js';
import { ROUTE_DOCS } from './route-docs.js';

/** What @fastify/swagger hands its `transform` for one route (the parts used here). */
export interface RouteToDocument {
  schema: FastifySchema | undefined;
  url: string;
  route: { method: string | string[]; url: string };
}

/** Success answers of routes whose schema has no response (no JSON body, or not JSON at all). */
const STATUS_OK = {
  description: 'OK',
  content: {
    'application/json': {
      schema: { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'] },
      example: { status: 'ok' },
    },
  },
};

const SUCCESS_WITHOUT_SCHEMA: Record<string, Record<string, unknown>> = {
  'GET /healthz': { 200: STATUS_OK },
  'GET /readyz': { 200: STATUS_OK },
  'DELETE /restapi/v1.0/subscription/:id': { 204: { description: 'Deleted' } },
  'DELETE /v1/tokens/:id': { 204: { description: 'Revoked' } },
  'GET /metrics': {
    200: {
      description: 'The metrics',
      content: { 'text/plain; version=0.0.4': { schema: { type: 'string' } } },
    },
  },
  'GET /v1/stream': {
    200: {
      description: 'An endless event stream; each event has `id`, `event` and JSON `data`.',
      content: {
        'text/event-stream': {
          schema: { type: 'string' },
          example:
            'id: lx3k1-42\nevent: delivery.attempted\ndata: {"type":"delivery.attempted","time":"2026-01-08T09:00:00.000Z","subscriptionId":"0c3f…","deliveryId":"9b1e…","attempt":{"attemptNo":1,"status":503,"latencyMs":41,"error":"Webhook responses with code: [503]"}}\n\n',
        },
      },
    },
  },
  'GET /openapi.json': {
    200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } },
  },
  'GET /openapi.yaml': {
    200: { description: 'OpenAPI 3.1', content: { 'application/yaml': { schema: { type: 'string' } } } },
  },
};

/** OpenAPI security requirements: an empty list is public; `metrics` accepts either token. */
const SECURITY: Record<RouteAuth, Array<Record<string, string[]>>> = {
  none: [],
  bearer: [{ bearer: [] }],
  metrics: [{ metricsToken: [] }, { bearer: [] }],
};

function curlExample(method: string, path: string, doc: RouteDoc): string {
  const url = `http://127.0.0.1:8080${path.replace(/:(\w+)/g, '<$1>')}${doc.exampleQuery ?? ''}`;
  const parts = [`curl${method === 'GET' ? '' : ` -X ${method}`} '${url}'`];
  if (doc.auth !== 'none') parts.push(`-H "Authorization: Bearer $SWITCHBOARD_TOKEN"`);
  if (doc.exampleForm !== undefined)
    parts.push(`-u "$RC_CLIENT_ID:$RC_CLIENT_SECRET"`, `-d '${doc.exampleForm}'`);
  if (doc.exampleBody !== undefined)
    parts.push(`-H 'Content-Type: application/json'`, `-d '${JSON.stringify(doc.exampleBody)}'`);
  return parts.join(' \\\n  ');
}

/**
 * @fastify/swagger's `transform`: adds to each route's schema what the reference needs and the
 * schema does not say (ROUTE_DOCS): summary, description, tag, security, the error answers with
 * examples, and a `curl` example (`x-codeSamples`, for the renderers and generators that read it).
 * The route's own schema is copied, never changed: validation keeps using it as it is. A route
 * without an entry keeps what its own schema says (a test requires every route to end up
 * documented).
 */
export function documentRoute({ schema, url, route }: RouteToDocument): {
  schema: FastifySchema;
  url: string;
} {
  const method = Array.isArray(route.method) ? (route.method[0] ?? 'GET') : route.method;
  const key = `${method} ${route.url}`;
  const doc = ROUTE_DOCS[key];
  if (!doc) return { schema: schema ?? {}, url };
  const own = (schema?.response as Record<string, unknown> | undefined) ?? {};
  const errors: ErrorCode[] = doc.auth === 'bearer' ? [...AUTHENTICATED_ERRORS, ...doc.errors] : doc.errors;
  // `x-` keys are copied into the operation as they are (OpenAPI extensions); FastifySchema does
  // not declare them, hence the widened type.
  const documented: FastifySchema & Record<`x-${string}`, unknown> = {
    ...schema,
    summary: doc.summary,
    description: doc.description,
    tags: [doc.tag],
    security: SECURITY[doc.auth],
    response: { ...SUCCESS_WITHOUT_SCHEMA[key], ...doc.success, ...own, ...errorResponses(errors) },
    'x-codeSamples': [{ lang: 'shell', label: 'curl', source: curlExample(method, route.url, doc) }],
  };
  return { url, schema: documented };
}
