import { type TUnsafe, Type } from 'typebox';

/**
 * A string from a fixed list, as a plain JSON-Schema `enum`: one clear validation error ("must be
 * one of …") instead of the one-per-branch noise of a union of literals.
 */
export function stringEnum<const T extends string>(values: readonly T[], description?: string): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}
