import type { SubscriptionOrdering } from '../model.js';

/** What a create or update body asks for under `ordering` (docs/ordering.md), once schema-checked. */
export interface OrderingInput {
  key?: string;
  /** `skip` or `block` (the API's schema admits no other value). */
  onDead?: string;
}

/**
 * The ordering to store for a request's `ordering`: absent fields take their defaults (the key
 * per event type, `onDead: skip`); `null` turns ordering off.
 *
 * @example
 * resolveOrdering({}); // → { key: null, onDead: 'skip' }
 */
export function resolveOrdering(input: OrderingInput | null): SubscriptionOrdering | null {
  if (input === null) return null;
  return { key: input.key ?? null, onDead: input.onDead === 'block' ? 'block' : 'skip' };
}
