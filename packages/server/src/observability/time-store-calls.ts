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
      // The caller gets the store's own promise back: timing it adds no step to the delivery path.
      return (...args: unknown[]) => {
        const started = performance.now();
        const result: Promise<unknown> = value.apply(target, args);
        const report = () =>
          events.emit('store:timed', { operation, durationMs: performance.now() - started });
        result.then(report, report);
        return result;
      };
    },
  });
}
