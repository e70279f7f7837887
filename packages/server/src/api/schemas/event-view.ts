import { type Static, Type } from 'typebox';
import { DeliveryView } from './delivery-view.js';
import { JsonObject } from './json-object.js';

const Explain = Type.Object({
  /** What the index matches now, among subscriptions the caller can see. */
  matched: Type.Array(Type.Object({ subscriptionId: Type.String(), filter: Type.String() })),
  subscription: Type.Optional(
    Type.Object({
      id: Type.String(),
      matched: Type.Boolean(),
      filter: Type.Optional(Type.String()),
      reasons: Type.Array(Type.String()),
    }),
  ),
});

export const EventView = Type.Object({
  id: Type.String(),
  /** The published path with its attributes. */
  event: Type.String(),
  body: JsonObject,
  publisherId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  matched: Type.Integer(),
  deliveries: Type.Array(DeliveryView),
  explain: Type.Optional(Explain),
});

export type EventView = Static<typeof EventView>;
export type Explain = Static<typeof Explain>;
