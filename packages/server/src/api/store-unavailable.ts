import { StoreUnavailableError } from '../store/store-unavailable-error.js';

/**
 * True for the store's "cannot serve right now" error (as opposed to "this request is wrong"): it
 * answers 503 CMN-201 with Retry-After, so clients and SDKs retry instead of giving up. Which
 * database codes mean that is each backend's business (store/sqlite/is-unavailable.ts,
 * store/postgres/is-unavailable.ts); the API sees only StoreUnavailableError.
 */
export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return error instanceof StoreUnavailableError;
}
