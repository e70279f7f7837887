import type { AppContext } from '../../context.js';
import type { Delivery, EventRecord } from '../../model.js';
import type { SearchCursor } from '../../store/delivery-search.js';
import type { ApiInstance } from '../api-instance.js';
import { allow } from '../auth/allow.js';
import { principalOf } from '../auth/principal-of.js';
import { EVERYONE } from '../auth/roles.js';
import { isoTime } from '../iso-time.js';
import {
  BulkRedeliverBody,
  BulkRedeliverResult,
  DeliverySearchPage,
  DeliverySearchQuery,
  EventSearchPage,
  EventSearchQuery,
} from '../schemas/search-schemas.js';
import { encodePageToken } from '../search/page-token.js';
import { commonFilters, deliverySearchOf, eventSearchOf } from '../search/search-of-request.js';
import { deliveryView } from '../views/delivery-view.js';

const BULK_LIMIT = 1000;

/**
 * A page of `limit` rows was asked for `limit + 1`: the extra row only says another page exists,
 * and the token points after the last row shown.
 */
function navigation(rows: Array<Delivery | EventRecord>, limit: number): { nextPageToken?: string } {
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  if (!last) return {};
  const cursor: SearchCursor = { createdAt: last.createdAt, id: last.id };
  return { nextPageToken: encodePageToken(cursor) };
}

/** One page: the first `limit` rows as views, and a token for the next when there was one more row. */
function page<R extends Delivery | EventRecord, V>(rows: R[], limit: number, view: (row: R) => V) {
  return { records: rows.slice(0, limit).map(view), navigation: navigation(rows, limit) };
}

/**
 * Server-wide search across everything the caller may see: deliveries and events,
 * filtered, newest first, cursor-paged; and the bulk redeliver by the same filters, bounded and
 * idempotent (only dead and expired deliveries are queued again, so a repeat finds none).
 */
export function searchRoutes(app: ApiInstance, ctx: AppContext): void {
  const onRequest = allow(ctx, EVERYONE, 'search deliveries and events');

  app.get(
    '/v1/deliveries',
    { onRequest, schema: { querystring: DeliverySearchQuery, response: { 200: DeliverySearchPage } } },
    async (request) => {
      const search = deliverySearchOf(principalOf(request), request.query);
      const rows = await ctx.store.searchDeliveries({ ...search, limit: search.limit + 1 });
      return page(rows, search.limit, (d) => deliveryView(d, ctx.index.orderingOf(d.subscriptionId)));
    },
  );

  app.get(
    '/v1/events',
    { onRequest, schema: { querystring: EventSearchQuery, response: { 200: EventSearchPage } } },
    async (request) => {
      const search = eventSearchOf(principalOf(request), request.query);
      const rows = await ctx.store.searchEvents({ ...search, limit: search.limit + 1 });
      return page(rows, search.limit, (e) => ({
        id: e.id,
        event: e.path,
        publisherId: e.publisherId,
        createdAt: isoTime(e.createdAt),
        matched: e.matched,
      }));
    },
  );

  app.post(
    '/v1/deliveries/redeliver',
    { onRequest, schema: { body: BulkRedeliverBody, response: { 200: BulkRedeliverResult } } },
    async (request) => {
      const body = request.body;
      const limit = body.limit ?? BULK_LIMIT;
      const requeued = await ctx.store.redeliverMatching(
        {
          ...commonFilters(principalOf(request), body),
          states: body.state ?? ['dead', 'expired'],
          ...(body.status ? { statusCodes: body.status } : {}),
          limit,
        },
        ctx.clock.now(),
      );
      if (requeued > 0) ctx.wakeDispatcher();
      return { requeued, more: requeued === limit };
    },
  );
}
