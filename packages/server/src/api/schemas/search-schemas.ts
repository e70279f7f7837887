import { type Static, Type } from 'typebox';
import { DeliveryView } from './delivery-view.js';

const CommaList = (pattern: string, description: string) =>
  Type.String({ pattern: `^${pattern}(,${pattern})*$`, description });

const TIME = 'ISO-8601 date-time, e.g. 2026-01-08T09:00:00Z';
const Time = (description: string) => Type.String({ minLength: 1, description: `${description} (${TIME})` });

/** The filters shared by the searches and the bulk redeliver; every one narrows, all combine. */
const filters = {
  subscriptionId: Type.Optional(Type.String({ minLength: 1, description: 'only this subscription' })),
  eventPath: Type.Optional(
    Type.String({ minLength: 1, maxLength: 2000, description: "the start of the published event's path" }),
  ),
  since: Type.Optional(Time('created at or after this time')),
  until: Type.Optional(Time('created before this time')),
};

export const DeliverySearchQuery = Type.Object(
  {
    ...filters,
    state: Type.Optional(
      CommaList(
        '(pending|delivered|dead|expired)',
        'a comma-separated list of pending, delivered, dead, expired',
      ),
    ),
    status: Type.Optional(
      CommaList(
        '[1-5][0-9][0-9]',
        'a comma-separated list of HTTP status codes of the latest attempt (at most 10)',
      ),
    ),
    perPage: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,4}$', description: 'a page size from 1 to 1000 (default 100)' }),
    ),
    pageToken: Type.Optional(
      Type.String({ minLength: 1, description: 'navigation.nextPageToken of the last page' }),
    ),
  },
  { additionalProperties: false },
);

export const EventSearchQuery = Type.Object(
  {
    ...filters,
    perPage: DeliverySearchQuery.properties.perPage,
    pageToken: DeliverySearchQuery.properties.pageToken,
  },
  { additionalProperties: false },
);

export const BulkRedeliverBody = Type.Object(
  {
    ...filters,
    state: Type.Optional(
      Type.Array(Type.Union([Type.Literal('dead'), Type.Literal('expired')]), {
        minItems: 1,
        uniqueItems: true,
        description: 'which failed states to queue again (default both)',
      }),
    ),
    status: Type.Optional(
      Type.Array(Type.Integer({ minimum: 100, maximum: 599 }), { minItems: 1, maxItems: 10 }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, description: 'at most this many (default 1000)' }),
    ),
  },
  { additionalProperties: false },
);

const Navigation = Type.Object({
  /** Absent on the last page. */
  nextPageToken: Type.Optional(Type.String()),
});

export const DeliverySearchPage = Type.Object({ records: Type.Array(DeliveryView), navigation: Navigation });

export const EventSummary = Type.Object({
  id: Type.String(),
  /** The published path with its attributes. */
  event: Type.String(),
  publisherId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  matched: Type.Integer(),
});

export const EventSearchPage = Type.Object({ records: Type.Array(EventSummary), navigation: Navigation });

export const BulkRedeliverResult = Type.Object({
  /** Deliveries queued again by this call. */
  requeued: Type.Integer(),
  /** True when the limit was reached: call again to requeue the rest. */
  more: Type.Boolean(),
});

export type DeliverySearchQuery = Static<typeof DeliverySearchQuery>;
export type EventSearchQuery = Static<typeof EventSearchQuery>;
export type BulkRedeliverBody = Static<typeof BulkRedeliverBody>;
export type EventSummary = Static<typeof EventSummary>;
