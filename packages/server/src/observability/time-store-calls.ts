import type { ServerEvents } from '../server-events.js';
import type { Store } from '../store/store.js';

const TIMED = new Set<string>(['claimDue', 'recordAttempts']);

/**
 * The store with its two delivery-path calls (claim, record) timed and reported as `store:timed`,
 * so their latency is a metric without the dispatcher measuring anything. The rest passes through.
 * The durations are wall-clock (performance.now), not the injected clock: they measure the
 * database, which a ManualClock cannot.
 */
export function timeStoreCalls(store: Store, events: ServerEvents): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !TIMED.has(property) || typeof value !== 'function') return value;
      const operation = property as 'claimDue' | 'recordAttempts';
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await value.apply(target, args);
        } finally {
          events.emit('store:timed', { operation, durationMs: performance.now() - started });
        }
      };
    },
  });
}
