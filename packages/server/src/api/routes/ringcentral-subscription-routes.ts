import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { createSubscription } from '../../subscriptions/create-subscription.js';
import { deleteSubscription } from '../../subscriptions/delete-subscription.js';
import { effectiveStatus } from '../../subscriptions/effective-status.js';
import { findSubscription } from '../../subscriptions/find-subscription.js';
import { renewSubscription } from '../../subscriptions/renew-subscription.js';
import { updateSubscription } from '../../subscriptions/update-subscription.js';
import type { ApiInstance } from '../api-instance.js';
import { allow } from '../auth/allow.js';
import { ownerQuery } from '../auth/owner-query.js';
import { principalOf } from '../auth/principal-of.js';
import { SUBSCRIBERS } from '../auth/roles.js';
import { baseUrl } from '../base-url.js';
import { SubscriptionInfo, SubscriptionList } from '../schemas/subscription-info.js';
import { createSubscriptionBody, updateSubscriptionBody } from '../schemas/subscription-request.js';
import { unknownFieldWarnings } from '../schemas/unknown-fields.js';
import {
  RINGCENTRAL_SUBSCRIPTION_PATH as PATH,
  ringcentralSubscriptionView,
} from '../views/ringcentral-subscription-view.js';

const Id = Type.Object({ id: Type.String() });

/**
 * The six RingCentral Subscription API endpoints, wire-compatible (§3): create answers 200 (not
 * 201), delete 204 with no body, list `{uri, records}`. Publishers cannot manage subscriptions.
 */
export function ringcentralSubscriptionRoutes(app: ApiInstance, ctx: AppContext): void {
  const onRequest = allow(ctx, SUBSCRIBERS, 'manage subscriptions');
  const createBody = createSubscriptionBody(ctx.config);
  const updateBody = updateSubscriptionBody(ctx.config);
  const view = (subscription: Parameters<typeof ringcentralSubscriptionView>[0], warnings?: string[]) =>
    ringcentralSubscriptionView(subscription, ctx.config, ctx.clock.now(), warnings ? { warnings } : {});

  app.post(
    PATH,
    { onRequest, schema: { body: createBody, response: { 200: SubscriptionInfo } } },
    async (request) => {
      const warnings = unknownFieldWarnings(createBody, request.body);
      const { subscription, signingSecret } = await createSubscription(
        ctx,
        principalOf(request),
        request.body,
      );
      return ringcentralSubscriptionView(subscription, ctx.config, ctx.clock.now(), {
        signingSecret,
        warnings,
      });
    },
  );

  app.get(PATH, { onRequest, schema: { response: { 200: SubscriptionList } } }, async (request) => {
    const principal = principalOf(request);
    const owner = ownerQuery(principal);
    const subscriptions = await ctx.store.listSubscriptions({
      ...owner,
      statuses: ['Active', 'Blacklisted'],
    });
    const now = ctx.clock.now();
    const live = subscriptions.filter((s) => effectiveStatus(s, now) !== 'Expired');
    return { uri: `${baseUrl(ctx.config)}${PATH}`, records: live.map((s) => view(s)) };
  });

  app.get(
    `${PATH}/:id`,
    { onRequest, schema: { params: Id, response: { 200: SubscriptionInfo } } },
    async (request) => {
      return view(
        await findSubscription(ctx, principalOf(request), request.params.id, { includeExpired: false }),
      );
    },
  );

  app.put(
    `${PATH}/:id`,
    { onRequest, schema: { params: Id, body: updateBody, response: { 200: SubscriptionInfo } } },
    async (request) => {
      const warnings = unknownFieldWarnings(updateBody, request.body);
      return view(
        await updateSubscription(ctx, principalOf(request), request.params.id, request.body),
        warnings,
      );
    },
  );

  app.delete(`${PATH}/:id`, { onRequest, schema: { params: Id } }, async (request, reply) => {
    await deleteSubscription(ctx, principalOf(request), request.params.id);
    return reply.status(204).send();
  });

  // Renew takes no body (§3.6): whatever is sent is ignored, including SDKs' empty JSON.
  app.post(
    `${PATH}/:id/renew`,
    { onRequest, schema: { params: Id, response: { 200: SubscriptionInfo } } },
    async (request) => view(await renewSubscription(ctx, principalOf(request), request.params.id)),
  );
}
