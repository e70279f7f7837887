import { Type } from 'typebox';
import type { ApiInstance } from '../api/api-instance.js';
import { allow } from '../api/auth/allow.js';
import { principalOf } from '../api/auth/principal-of.js';
import { EVERYONE, PUBLISHERS } from '../api/auth/roles.js';
import { eventDetail } from '../api/events/event-detail.js';
import { stringEnum } from '../api/schemas/string-enum.js';
import type { AppContext } from '../context.js';
import { ApiError } from '../errors.js';
import { notFound } from '../not-found.js';
import { dashboardOverview } from './dashboard-overview.js';
import type { DeliveryRate } from './delivery-rate.js';
import { explainEvent } from './explain-event.js';
import { HIDDEN } from './hidden-from-reference.js';
import { testEventDrafts, testEventKinds } from './test-event-drafts.js';

const DraftRequest = Type.Object({
  kind: Type.String({ minLength: 1, maxLength: 64 }),
  direction: Type.Optional(stringEnum(['Inbound', 'Outbound'])),
});

/**
 * What the dashboard needs beyond the /v1 API: the overview's figures and the test events of
 * `switchboard trigger`. Same authentication (bearer or session cookie), roles and rate limits.
 */
export function dashboardApiRoutes(app: ApiInstance, ctx: AppContext, rate: DeliveryRate): void {
  app.get(
    '/dashboard/api/overview',
    { onRequest: allow(ctx, EVERYONE, 'read the overview'), schema: HIDDEN },
    async (request) => dashboardOverview(ctx, rate, principalOf(request)),
  );

  app.get(
    '/dashboard/api/events/:id/explain',
    {
      onRequest: allow(ctx, EVERYONE, 'read events'),
      schema: { ...HIDDEN, params: Type.Object({ id: Type.String() }) },
    },
    async (request) => {
      const principal = principalOf(request);
      const event = await ctx.store.getEvent(request.params.id);
      if (!event) throw notFound('eventId');
      // The visibility of GET /v1/events/{id} exactly: it answers 404 where that route does.
      await eventDetail(ctx, principal, event, { wanted: false });
      return { records: await explainEvent(ctx, principal, event) };
    },
  );

  app.get(
    '/dashboard/api/test-event-kinds',
    { onRequest: allow(ctx, EVERYONE, 'list test events'), schema: HIDDEN },
    async () => ({
      records: testEventKinds(),
    }),
  );

  // A POST although it changes nothing: the page sends what it chose as a body, CSRF-checked.
  app.post(
    '/dashboard/api/test-event-drafts',
    { onRequest: allow(ctx, PUBLISHERS, 'publish test events'), schema: { ...HIDDEN, body: DraftRequest } },
    async (request) => {
      const { kind, direction } = request.body;
      const drafts = testEventDrafts(principalOf(request), kind, direction, ctx.clock.now());
      if (!drafts) throw new ApiError('CMN-102', { parameter: 'kind' }, { parameterName: 'kind' });
      return { events: drafts.map(({ event, body }) => ({ event, body })) };
    },
  );
}
