import type { ErrorCode } from '../../errors.js';
import type { RouteDoc } from './route-doc.js';
import { OAUTH_ROUTE_DOCS } from './route-docs-oauth.js';

const RC = 'RingCentral Subscription API';
const SUBS = 'Subscriptions';
const EVENTS = 'Events';
const DELIVERIES = 'Deliveries';
const STREAM = 'Live stream';
const TOKENS = 'Tokens';
const OPS = 'Operations';

const FILTER = '/restapi/v1.0/account/~/extension/~/presence';
/** What a create or an update answers for bad filters or reminders and for a failed handshake. */
const FILTER_AND_ADDRESS_ERRORS: ErrorCode[] = [
  'SUB-508',
  'SUB-516',
  'SUB-520',
  'SUB-521',
  'SUB-523',
  'SUB-524',
  'SUB-525',
];
const webhook = {
  transportType: 'WebHook',
  address: 'https://example.com/hook',
  verificationToken: 'v3rify-me',
};

/**
 * The reference text of every route, keyed `METHOD path` as Fastify registers it. A test fails
 * when a served route has no entry here (or in its own schema), so the reference never falls
 * behind the server.
 */
export const ROUTE_DOCS: Record<string, RouteDoc> = {
  ...OAUTH_ROUTE_DOCS,
  'GET /healthz': {
    summary: 'Liveness',
    description: 'Answers 200 while the process runs; never checks the store. For a liveness probe.',
    tag: OPS,
    auth: 'none',
    errors: [],
  },
  'GET /readyz': {
    summary: 'Readiness',
    description:
      'Answers 200 when the store answers, else 503 CMN-201 with Retry-After. For a load balancer.',
    tag: OPS,
    auth: 'none',
    errors: ['CMN-201'],
  },
  'GET /metrics': {
    summary: 'Prometheus metrics',
    description:
      "Prometheus' text format: deliveries by outcome, attempt durations, queue gauges, subscription transitions, handshakes, store timings, process metrics. Send the configured metricsToken or a server admin's token.",
    tag: OPS,
    auth: 'metrics',
    errors: ['SWB-101', 'SWB-102', 'SWB-103', 'CMN-201'],
  },
  'GET /openapi.json': {
    summary: 'This API description (JSON)',
    description:
      'The OpenAPI 3.1 description of every route this server serves, generated from the route schemas.',
    tag: OPS,
    auth: 'none',
    errors: [],
  },
  'GET /openapi.yaml': {
    summary: 'This API description (YAML)',
    description: 'The same OpenAPI 3.1 description as /openapi.json, in YAML.',
    tag: OPS,
    auth: 'none',
    errors: [],
  },
  'GET /docs': {
    summary: 'Interactive API reference',
    description:
      'This reference, rendered in the browser from /openapi.json; its assets are served by this server.',
    tag: OPS,
    auth: 'none',
    errors: [],
  },
  'POST /restapi/v1.0/subscription': {
    summary: 'Create a subscription',
    description:
      "RingCentral's create: validates the filters, expands `~`, sends the Validation-Token handshake to the address and answers 200 with the subscription. `deliveryMode.signingSecret` is returned once, here.",
    tag: RC,
    auth: 'bearer',
    errors: ['CMN-101', 'SWB-105', 'SWB-107', 'SWB-104', 'SUB-406', 'SUB-505', ...FILTER_AND_ADDRESS_ERRORS],
    exampleBody: { eventFilters: [FILTER], deliveryMode: webhook, expiresIn: 604800 },
  },
  'GET /restapi/v1.0/subscription': {
    summary: 'List subscriptions',
    description:
      "The caller's Active and Blacklisted subscriptions as `{uri, records}`, as RingCentral lists them.",
    tag: RC,
    auth: 'bearer',
    errors: [],
  },
  'GET /restapi/v1.0/subscription/:id': {
    summary: 'Get a subscription',
    description: 'One subscription of the caller. Unknown, expired and foreign ids all answer 404 CMN-102.',
    tag: RC,
    auth: 'bearer',
    errors: ['CMN-102'],
  },
  'PUT /restapi/v1.0/subscription/:id': {
    summary: 'Update a subscription',
    description:
      'Replaces the filters, the address or the TTL. A new address is handshaken first; a blacklisted subscription that passes becomes Active.',
    tag: RC,
    auth: 'bearer',
    errors: ['CMN-101', 'CMN-102', 'SWB-105', 'SWB-107', ...FILTER_AND_ADDRESS_ERRORS],
    exampleBody: { eventFilters: [FILTER], expiresIn: 86400 },
  },
  'DELETE /restapi/v1.0/subscription/:id': {
    summary: 'Delete a subscription',
    description: 'Deletes the subscription with its queued deliveries; answers 204.',
    tag: RC,
    auth: 'bearer',
    errors: ['CMN-102'],
  },
  'POST /restapi/v1.0/subscription/:id/renew': {
    summary: 'Renew a subscription',
    description:
      'Extends the expiry by the TTL given at creation; a blacklisted subscription is handshaken and reactivated.',
    tag: RC,
    auth: 'bearer',
    errors: ['CMN-102', 'SUB-520', 'SUB-521', 'SUB-523', 'SUB-524', 'SUB-525'],
  },
  'POST /v1/events': {
    summary: 'Publish events',
    description:
      'Commits one event or a batch with the deliveries they fan out to, then answers 202 with how many subscriptions each matched. Idempotent on `id` per account.',
    tag: EVENTS,
    auth: 'bearer',
    errors: ['CMN-101', 'SWB-104', 'SWB-105', 'SWB-107', 'SWB-108'],
    exampleBody: {
      event: '/restapi/v1.0/account/1001/extension/2001/presence',
      body: { presenceStatus: 'Busy' },
    },
  },
  'GET /v1/events': {
    summary: 'Search events',
    description:
      'Events the caller may see, newest first, filtered by subscription (events delivered to it), path prefix and time range; cursor-paged with `navigation.nextPageToken`.',
    tag: EVENTS,
    auth: 'bearer',
    errors: ['CMN-101'],
    exampleQuery: '?eventPath=/restapi/v1.0/account/1001&since=2026-01-08T09:00:00Z&perPage=50',
  },
  'GET /v1/events/:id': {
    summary: 'Get an event',
    description:
      'The event, its body and its deliveries; `?explain=true` shows why each subscription matched or not.',
    tag: EVENTS,
    auth: 'bearer',
    errors: ['CMN-101', 'CMN-102'],
    exampleQuery: '?explain=true',
  },
  'GET /v1/subscriptions': {
    summary: 'List subscriptions with health',
    description:
      'Subscriptions with their failure run, blacklisting and delivery counts; Expired ones stay for a grace period.',
    tag: SUBS,
    auth: 'bearer',
    errors: ['CMN-101'],
    exampleQuery: '?status=Blacklisted',
  },
  'GET /v1/subscriptions/:id': {
    summary: 'Get a subscription with health',
    description: 'One subscription with its health and delivery counts.',
    tag: SUBS,
    auth: 'bearer',
    errors: ['CMN-102'],
  },
  'GET /v1/subscriptions/:id/deliveries': {
    summary: "List a subscription's deliveries",
    description:
      'Deliveries of one subscription, newest first. For every subscription at once, use GET /v1/deliveries.',
    tag: SUBS,
    auth: 'bearer',
    errors: ['CMN-101', 'CMN-102'],
    exampleQuery: '?state=dead',
  },
  'POST /v1/subscriptions/:id/recover': {
    summary: 'Recover failed deliveries of a subscription',
    description: 'Queues again every dead or expired delivery of the subscription created since a time.',
    tag: SUBS,
    auth: 'bearer',
    errors: ['CMN-101', 'CMN-102', 'SWB-105', 'SWB-107'],
    exampleBody: { since: '2026-01-08T09:00:00Z' },
  },
  'POST /v1/subscriptions/:id/rotate-secret': {
    summary: 'Rotate the signing secret',
    description:
      'A new signing secret, returned once; the old one still signs (a second signature) during the overlap.',
    tag: SUBS,
    auth: 'bearer',
    errors: ['CMN-101', 'CMN-102'],
  },
  'GET /v1/deliveries': {
    summary: 'Search deliveries',
    description:
      'Deliveries across every subscription the caller may see, newest first, filtered by state, subscription, event path prefix, time range and the last status code; cursor-paged with `navigation.nextPageToken` (stable while new deliveries arrive).',
    tag: DELIVERIES,
    auth: 'bearer',
    errors: ['CMN-101'],
    exampleQuery: '?state=dead&status=500,503&since=2026-01-08T09:00:00Z&perPage=100',
  },
  'POST /v1/deliveries/redeliver': {
    summary: 'Redeliver by filter',
    description:
      'Queues again, with the same notification uuid, the dead and expired deliveries matching the filters: at most `limit` (1000) a call, reporting how many; a repeat requeues nothing.',
    tag: DELIVERIES,
    auth: 'bearer',
    errors: ['CMN-101', 'SWB-105', 'SWB-107'],
    exampleBody: { state: ['dead'], since: '2026-01-08T09:00:00Z', limit: 500 },
  },
  'GET /v1/deliveries/:id': {
    summary: 'Get a delivery',
    description:
      'One delivery with its attempt log: time, status, latency, error and response snippet of each attempt.',
    tag: DELIVERIES,
    auth: 'bearer',
    errors: ['CMN-102'],
  },
  'POST /v1/deliveries/:id/redeliver': {
    summary: 'Redeliver one delivery',
    description:
      'Sends it again now with the same uuid; a dead or expired one restarts its retry schedule. Answers 202.',
    tag: DELIVERIES,
    auth: 'bearer',
    errors: ['CMN-102'],
  },
  'GET /v1/stream': {
    summary: 'Live stream (Server-Sent Events)',
    description:
      'A `text/event-stream` of delivery attempts (`delivery.attempted`), dead deliveries and subscription changes the caller may see, optionally of one subscription. Reconnect with `Last-Event-ID` to resume within the replay window; a `stream.reset` event says events were missed. A client that stops reading is disconnected.',
    tag: STREAM,
    auth: 'bearer',
    errors: ['CMN-101'],
    exampleQuery: '?subscriptionId=0c3f9a1e-8d6b-4e2a-9f1d-2b7c5e8a4d10',
  },
  'POST /v1/tokens': {
    summary: 'Create an API token',
    description: 'Admin only. The bearer string is in this answer once and never again.',
    tag: TOKENS,
    auth: 'bearer',
    errors: ['CMN-101', 'SWB-105', 'SWB-107'],
    exampleBody: { name: 'billing-service', role: 'publisher', accountId: '1001' },
  },
  'GET /v1/tokens': {
    summary: 'List API tokens',
    description: 'Admin only. Names, roles and owners; never the bearer strings.',
    tag: TOKENS,
    auth: 'bearer',
    errors: [],
  },
  'DELETE /v1/tokens/:id': {
    summary: 'Revoke an API token',
    description: 'Admin only. The token stops working at once; answers 204.',
    tag: TOKENS,
    auth: 'bearer',
    errors: ['CMN-102'],
  },
};
