import { type Static, Type } from 'typebox';
import { stringEnum } from './string-enum.js';

export const DELIVERY_STATES = ['pending', 'delivered', 'dead', 'expired'] as const;

export const DeliveryView = Type.Object({
  id: Type.String(),
  /** The notification `uuid`, stable across retries. */
  uuid: Type.String(),
  eventId: Type.String(),
  subscriptionId: Type.String(),
  filter: Type.String(),
  state: stringEnum(DELIVERY_STATES),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  createdAt: Type.String(),
  lastStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  /**
   * Only on deliveries of ordered subscriptions (docs/ordering.md): the key, and whether the key
   * went on without this delivery (dead or expired under `onDead: skip`).
   */
  ordering: Type.Optional(Type.Object({ key: Type.String(), skipped: Type.Boolean() })),
});

export const AttemptView = Type.Object({
  time: Type.String(),
  status: Type.Union([Type.Integer(), Type.Null()]),
  latencyMs: Type.Number(),
  error: Type.Union([Type.String(), Type.Null()]),
  responseSnippet: Type.Union([Type.String(), Type.Null()]),
});

/** `attempts` beside the delivery (not inside): the delivery's own `attempts` is the count. */
export const DeliveryDetail = Type.Object({ delivery: DeliveryView, attempts: Type.Array(AttemptView) });

export const DeliveryEnvelope = Type.Object({ delivery: DeliveryView });

export const DeliveryList = Type.Object({ records: Type.Array(DeliveryView) });

export type DeliveryView = Static<typeof DeliveryView>;
export type AttemptView = Static<typeof AttemptView>;
