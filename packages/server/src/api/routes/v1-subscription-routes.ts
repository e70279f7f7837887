import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { invalidParameter } from '../../errors.js';
import type { Subscription } from '../../model.js';
import { effectiveStatus } from '../../subscriptions/effective-status.js';
import { findSubscription } from '../../subscriptions/find-subscription.js';
import { rotateSecret } from '../../subscriptions/rotate-secret.js';
import type { ApiInstance } from '../api-instance.js';
import { allow } from '../auth/allow.js';
import { ownerQuery } from '../auth/owner-query.js';
import { principalOf } from '../auth/principal-of.js';
import { SUBSCRIBERS } from '../auth/roles.js';
import { baseUrl } from '../base-url.js';
import { isoTimeOrNull } from '../iso-time.js';
import { DELIVERY_STATES, DeliveryList } from '../schemas/delivery-view.js';
import { stringEnum } from '../schemas/string-enum.js';
import { SubscriptionHealth, SubscriptionHealthList } from '../schemas/subscription-info.js';
import { deliveryView } from '../views/delivery-view.js';
import { V1_SUBSCRIPTIONS_PATH as PATH, subscriptionHealthView } from '../views/subscription-health-view.js';

const Id = Type.Object({ id: Type.String() });
const ListQuery = Type.Object({
  status: Type.Optional(stringEnum(['Active', 'Blacklisted', 'Expired'])),
  accountId: Type.Optional(Type.String({ minLength: 1 })),
});
const DeliveriesQuery = Type.Object({
  state: Type.Optional(stringEnum(DELIVERY_STATES)),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$', description: 'an integer from 1 to 500' })),
  before: Type.Optional(Type.String({ minLength: 1 })),
});
const RecoverBody = Type.Object({
  since: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}', description: 'an ISO-8601 date or date-time' }),
});
const MAX_PAGE = 500;
const DEFAULT_PAGE = 100;

/**
 * Switchboard's view of subscriptions (/v1): every state including Expired, with health and
 * delivery counts, their deliveries, bulk recovery and signing-secret rotation.
 */
export function v1SubscriptionRoutes(app: ApiInstance, ctx: AppContext): void {
  const onRequest = allow(ctx, SUBSCRIBERS, 'manage subscriptions');
  const find = (request: { params: { id: string } } & Parameters<typeof principalOf>[0]) =>
    findSubscription(ctx, principalOf(request), request.params.id, { includeExpired: true });
  const health = async (subscription: Subscription) =>
    subscriptionHealthView(
      subscription,
      await ctx.store.countDeliveries(subscription.id),
      ctx.config,
      ctx.clock.now(),
    );

  app.get(
    PATH,
    { onRequest, schema: { querystring: ListQuery, response: { 200: SubscriptionHealthList } } },
    async (request) => {
      const principal = principalOf(request);
      const { status, accountId } = request.query;
      const owner =
        principal.role === 'admin'
          ? { ...(accountId !== undefined ? { accountId } : {}) }
          : ownerQuery(principal);
      const foreign =
        principal.role !== 'admin' && accountId !== undefined && accountId !== principal.accountId;
      const subscriptions = foreign ? [] : await ctx.store.listSubscriptions(owner);
      const now = ctx.clock.now();
      // Filtered here, not in the store: "Expired" includes subscriptions past expiry not yet swept.
      const wanted = subscriptions.filter((s) => status === undefined || effectiveStatus(s, now) === status);
      return { uri: `${baseUrl(ctx.config)}${PATH}`, records: await Promise.all(wanted.map(health)) };
    },
  );

  app.get(
    `${PATH}/:id`,
    { onRequest, schema: { params: Id, response: { 200: SubscriptionHealth } } },
    async (request) => health(await find(request)),
  );

  app.get(
    `${PATH}/:id/deliveries`,
    { onRequest, schema: { params: Id, querystring: DeliveriesQuery, response: { 200: DeliveryList } } },
    async (request) => {
      const subscription = await find(request);
      const { state, before } = request.query;
      const limit = request.query.limit === undefined ? DEFAULT_PAGE : Number(request.query.limit);
      if (limit < 1 || limit > MAX_PAGE)
        throw invalidParameter('limit', `must be an integer from 1 to ${MAX_PAGE}`);
      const deliveries = await ctx.store.listDeliveries({
        subscriptionId: subscription.id,
        limit,
        ...(state !== undefined ? { states: [state] } : {}),
        ...(before !== undefined ? { beforeId: before } : {}),
      });
      return { records: deliveries.map((d) => deliveryView(d, subscription.ordering)) };
    },
  );

  app.post(
    `${PATH}/:id/recover`,
    {
      onRequest,
      schema: { params: Id, body: RecoverBody, response: { 200: Type.Object({ requeued: Type.Integer() }) } },
    },
    async (request) => {
      const since = Date.parse(request.body.since);
      if (Number.isNaN(since)) throw invalidParameter('since', 'must be an ISO-8601 date or date-time');
      const subscription = await find(request);
      const requeued = await ctx.store.recoverDeliveries(subscription.id, since, ctx.clock.now());
      if (requeued > 0) ctx.wakeDispatcher();
      return { requeued };
    },
  );

  app.post(
    `${PATH}/:id/rotate-secret`,
    {
      onRequest,
      schema: {
        params: Id,
        response: {
          200: Type.Object({
            signingSecret: Type.String(),
            previousSecretValidUntil: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const rotated = await rotateSecret(ctx, await find(request));
      return { ...rotated, previousSecretValidUntil: isoTimeOrNull(rotated.previousSecretValidUntil) };
    },
  );
}
