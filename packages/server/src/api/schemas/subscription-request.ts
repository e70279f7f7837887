import { Type } from 'typebox';
import type { Config } from '../../config.js';

/**
 * `verificationToken` goes into a header on every notification: printable ASCII only, so CR/LF can
 * never reach a header, and bounded (docs/decisions.md "Subscriptions").
 */
const VerificationToken = Type.String({
  maxLength: 256,
  pattern: '^[\\x20-\\x7E]*$',
  description: 'printable ASCII (0x20-0x7E) of at most 256 characters',
});

/**
 * Switchboard's extension of the create and update body (docs/ordering.md "The extension"):
 * ordered delivery per key. RingCentral clients never send it, so they are unaffected.
 */
export const OrderingRequest = Type.Object({
  key: Type.Optional(
    Type.String({
      pattern: '^(path|body(\\.[A-Za-z0-9_$@-]+){1,8})$',
      maxLength: 200,
      description: '`path`, or `body.<field>[.<field>…]`; absent: the default for each event type',
    }),
  ),
  onDead: Type.Optional(Type.String({ enum: ['skip', 'block'] })),
});

/**
 * On update, `null` turns ordering off. One object schema that also admits null (not a union), so
 * the unknown-field walk still sees its fields; typed as the object, the null is handled by
 * updateSubscription.
 */
const OrderingUpdate = { ...OrderingRequest, type: ['object', 'null'] } as unknown as typeof OrderingRequest;

function expiresIn(config: Readonly<Config>) {
  return Type.Integer({ minimum: 1, maximum: config.maxExpiresInSeconds });
}

/**
 * `CreateSubscriptionRequest` (§2.5). Unknown fields are allowed here on purpose: RingCentral
 * ignores them, we do too but report them as `warnings` (unknown-fields.ts).
 * `encryption` is accepted and ignored: webhooks are never encrypted (§2.2).
 */
export function createSubscriptionBody(config: Readonly<Config>) {
  return Type.Object({
    eventFilters: Type.Array(Type.String()),
    deliveryMode: Type.Object({
      transportType: Type.Literal('WebHook'),
      address: Type.String(),
      verificationToken: Type.Optional(VerificationToken),
      encryption: Type.Optional(Type.Boolean()),
    }),
    expiresIn: Type.Optional(expiresIn(config)),
    ordering: Type.Optional(OrderingRequest),
  });
}

/**
 * `UpdateSubscriptionRequest` (§2.5) plus our addition: `deliveryMode.address` and
 * `deliveryMode.verificationToken` may change, with a new handshake (docs/decisions.md "Handshake").
 */
export function updateSubscriptionBody(config: Readonly<Config>) {
  return Type.Object({
    eventFilters: Type.Optional(Type.Array(Type.String())),
    expiresIn: Type.Optional(expiresIn(config)),
    deliveryMode: Type.Optional(
      Type.Object({
        transportType: Type.Optional(Type.Literal('WebHook')),
        address: Type.Optional(Type.String()),
        verificationToken: Type.Optional(VerificationToken),
        encryption: Type.Optional(Type.Boolean()),
      }),
    ),
    /** null turns ordering off; absent leaves it as it is. */
    ordering: Type.Optional(OrderingUpdate),
  });
}
