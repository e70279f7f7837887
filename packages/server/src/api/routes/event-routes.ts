import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { notFound } from '../../not-found.js';
import { checkEvents } from '../../publish/check-events.js';
import { publishEvents } from '../../publish/publish-events.js';
import type { ApiInstance } from '../api-instance.js';
import { allow } from '../auth/allow.js';
import { principalOf } from '../auth/principal-of.js';
import { EVERYONE, PUBLISHERS } from '../auth/roles.js';
import { eventDetail } from '../events/event-detail.js';
import { validationErrors } from '../http/validation-errors.js';
import { EventView } from '../schemas/event-view.js';
import { PublishResponse, publishBody } from '../schemas/publish-request.js';
import { stringEnum } from '../schemas/string-enum.js';

const Id = Type.Object({ id: Type.String() });
const ExplainQuery = Type.Object({
  explain: Type.Optional(stringEnum(['true', 'false'])),
  subscriptionId: Type.Optional(Type.String({ minLength: 1 })),
});

/**
 * Publishing (docs/decisions.md "Publishing"): `POST /v1/events` answers 202 after the commit;
 * `GET /v1/events/{id}` shows an event of the caller's account with its deliveries.
 */
export function eventRoutes(app: ApiInstance, ctx: AppContext): void {
  app.post(
    '/v1/events',
    {
      onRequest: allow(ctx, PUBLISHERS, 'publish events'),
      // Schema errors are reported together with the event paths' own (publish/check-events.ts).
      attachValidation: true,
      schema: { body: publishBody(ctx.config), response: { 202: PublishResponse } },
    },
    async (request, reply) => {
      const invalid = request.validationError;
      const schemaErrors = invalid ? validationErrors(invalid.validation, invalid.validationContext) : [];
      const events = checkEvents(
        principalOf(request),
        request.body,
        schemaErrors,
        ctx.config.eventNamespaces,
      );
      const answers = await publishEvents(ctx, events);
      return reply.status(202).send({ events: answers });
    },
  );

  app.get(
    '/v1/events/:id',
    {
      onRequest: allow(ctx, EVERYONE, 'read events'),
      schema: { params: Id, querystring: ExplainQuery, response: { 200: EventView } },
    },
    async (request) => {
      const principal = principalOf(request);
      const event = await ctx.store.getEvent(request.params.id);
      if (!event || (principal.role !== 'admin' && event.accountId !== principal.accountId))
        throw notFound('eventId');
      const { explain, subscriptionId } = request.query;
      return eventDetail(ctx, principal, event, { wanted: explain === 'true', subscriptionId });
    },
  );
}
