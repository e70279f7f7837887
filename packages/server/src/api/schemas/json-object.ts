import { type TUnsafe, Type } from 'typebox';

/**
 * Any JSON object (not an array, not null): a published event's body, passed through untouched.
 * `additionalProperties: true` is spelled out so the response serialiser keeps every field.
 */
export const JsonObject: TUnsafe<Record<string, unknown>> = Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  additionalProperties: true,
});
