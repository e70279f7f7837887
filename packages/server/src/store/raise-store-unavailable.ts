import type { Store } from './store.js';
import { StoreUnavailableError } from './store-unavailable-error.js';

/** A backend's own test: does this error mean "the database cannot serve now"? */
export type IsUnavailable = (error: unknown) => boolean;

/** `error` as the store raises it: a StoreUnavailableError when `isUnavailable` says so, else itself. */
export function asStoreError(error: unknown, isUnavailable: IsUnavailable): unknown {
  if (error instanceof StoreUnavailableError || !isUnavailable(error)) return error;
  return new StoreUnavailableError(error);
}

/**
 * `store` with every method translating its backend's "cannot serve now" errors into one
 * StoreUnavailableError, so each backend keeps its error codes to itself. Other errors (a bug, a
 * constraint) pass through unchanged.
 */
export function raiseStoreUnavailable(store: Store, isUnavailable: IsUnavailable): Store {
  const translated: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(store)) {
    if (typeof value !== 'function') {
      translated[key] = value;
      continue;
    }
    const method = value as (...args: unknown[]) => Promise<unknown>;
    translated[key] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        throw asStoreError(error, isUnavailable);
      }
    };
  }
  return translated as unknown as Store;
}
