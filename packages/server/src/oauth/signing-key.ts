import type { Clock } from '../clock.js';
import type { Random } from '../random.js';
import type { Store } from '../store/store.js';

const keys = new WeakMap<Store, Promise<Uint8Array>>();

/**
 * The HMAC key JWT credentials are signed and checked with (HS256): made on first use, kept in
 * the store so every node and every restart agrees, cached per store. It never leaves the server.
 */
export function signingKey(deps: { store: Store; random: Random; clock: Clock }): Promise<Uint8Array> {
  let key = keys.get(deps.store);
  if (!key) {
    key = deps.store
      .signingKey(deps.random.token(32), deps.clock.now())
      .then((secret) => new TextEncoder().encode(secret));
    key.catch(() => keys.delete(deps.store));
    keys.set(deps.store, key);
  }
  return key;
}
