import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { Delivery, Principal } from '../../model.js';
import { notFound } from '../../not-found.js';
import { canSeeDelivery } from '../../subscriptions/can-see-delivery.js';
import type { ApiInstance } from '../api-instance.js';
import { allow } from '../auth/allow.js';
import { principalOf } from '../auth/principal-of.js';
import { EVERYONE } from '../auth/roles.js';
import { DeliveryDetail, DeliveryEnvelope } from '../schemas/delivery-view.js';
import { attemptView, deliveryView } from '../views/delivery-view.js';

const Id = Type.Object({ id: Type.String() });

/**
 * One delivery with its attempt log, and redelivery (docs/decisions.md "Delivery": dead and
 * expired deliveries are "visible, redeliverable"). A delivery is visible when its subscription is.
 */
export function deliveryRoutes(app: ApiInstance, ctx: AppContext): void {
  const onRequest = allow(ctx, EVERYONE, 'read deliveries');

  app.get(
    '/v1/deliveries/:id',
    { onRequest, schema: { params: Id, response: { 200: DeliveryDetail } } },
    async (request) => {
      const delivery = await findDelivery(ctx, principalOf(request), request.params.id);
      const attempts = await ctx.store.listAttempts(delivery.id);
      return {
        delivery: deliveryView(delivery, ctx.index.orderingOf(delivery.subscriptionId)),
        attempts: attempts.map(attemptView),
      };
    },
  );

  app.post(
    '/v1/deliveries/:id/redeliver',
    { onRequest, schema: { params: Id, response: { 202: DeliveryEnvelope } } },
    async (request, reply) => {
      const delivery = await findDelivery(ctx, principalOf(request), request.params.id);
      // A pending delivery is made due now ("retry now"), keeping any lease it holds; others are
      // queued again with the same uuid and a fresh retry schedule.
      const queued = await ctx.store.redeliver(delivery.id, ctx.clock.now());
      if (!queued) throw notFound('deliveryId');
      ctx.wakeDispatcher();
      return reply
        .status(202)
        .send({ delivery: deliveryView(queued, ctx.index.orderingOf(queued.subscriptionId)) });
    },
  );
}

async function findDelivery(ctx: AppContext, principal: Principal, id: string): Promise<Delivery> {
  const delivery = await ctx.store.getDelivery(id);
  if (!delivery) throw notFound('deliveryId');
  if (!(await canSeeDelivery(ctx, principal, delivery))) throw notFound('deliveryId');
  return delivery;
}
