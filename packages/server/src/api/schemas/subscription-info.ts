import { type Static, Type } from 'typebox';
import { stringEnum } from './string-enum.js';

const DeliveryMode = Type.Object({
  transportType: Type.Literal('WebHook'),
  address: Type.String(),
  encryption: Type.Literal(false),
  /** Only in the create response: the subscription's `whsec_` secret, shown once. */
  signingSecret: Type.Optional(Type.String()),
});

const BlacklistedData = Type.Object({ blacklistedAt: Type.String(), reason: Type.String() });

const infoProperties = {
  uri: Type.String(),
  id: Type.String(),
  creationTime: Type.String(),
  eventFilters: Type.Array(Type.String()),
  expirationTime: Type.String(),
  /** Remaining seconds at the time of the response (§2.1). */
  expiresIn: Type.Integer(),
  deliveryMode: DeliveryMode,
  blacklistedData: Type.Optional(BlacklistedData),
  warnings: Type.Optional(Type.Array(Type.String())),
  /** Switchboard's extension, only on subscriptions that asked for it (docs/ordering.md). */
  ordering: Type.Optional(
    Type.Object({
      key: Type.Union([Type.String(), Type.Null()]),
      onDead: stringEnum(['skip', 'block']),
    }),
  ),
};

/**
 * `SubscriptionInfo` (§2.1) as the RingCentral API answers it. As a response schema it is also a
 * whitelist: a field not listed here (verificationToken) cannot be serialised by accident.
 */
export const SubscriptionInfo = Type.Object({
  ...infoProperties,
  status: stringEnum(['Active', 'Blacklisted']),
});

export const SubscriptionList = Type.Object({ uri: Type.String(), records: Type.Array(SubscriptionInfo) });

const DeliveryCounts = Type.Object({
  pending: Type.Integer(),
  delivered: Type.Integer(),
  dead: Type.Integer(),
  expired: Type.Integer(),
});

/** Switchboard's view (/v1): every state, plus the health an operator needs. */
export const SubscriptionHealth = Type.Object({
  ...infoProperties,
  status: stringEnum(['Active', 'Blacklisted', 'Expired']),
  accountId: Type.String(),
  extensionId: Type.String(),
  failingSince: Type.Union([Type.String(), Type.Null()]),
  consecutiveFailures: Type.Integer(),
  lastSuccessAt: Type.Union([Type.String(), Type.Null()]),
  deliveries: DeliveryCounts,
});

export const SubscriptionHealthList = Type.Object({
  uri: Type.String(),
  records: Type.Array(SubscriptionHealth),
});

export type SubscriptionInfo = Static<typeof SubscriptionInfo>;
export type SubscriptionHealth = Static<typeof SubscriptionHealth>;
