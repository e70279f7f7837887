import { Gauge, type Registry } from 'prom-client';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';

/**
 * Gauges read from the store when Prometheus scrapes, never kept in memory: on a shared database
 * every node reports the same cluster-wide numbers (use `max` across nodes, not `sum`).
 */
export function registerQueueGauges(registry: Registry, store: Store, clock: Clock): void {
  const registers = [registry];
  // One summary per scrape, shared by the gauges' collect() calls of that scrape.
  let pending: ReturnType<Store['queueSummary']> | null = null;
  const summary = () => {
    pending ??= store.queueSummary(clock.now()).finally(() => {
      pending = null;
    });
    return pending;
  };
  new Gauge({
    name: 'switchboard_deliveries',
    help: 'Deliveries in the store, by state (pending, delivered, dead, expired).',
    labelNames: ['state'],
    registers,
    async collect() {
      const { deliveries } = await summary();
      for (const [state, n] of Object.entries(deliveries)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'switchboard_deliveries_retrying',
    help: 'Pending deliveries that failed at least once since they were queued.',
    registers,
    async collect() {
      this.set((await summary()).retrying);
    },
  });
  new Gauge({
    name: 'switchboard_oldest_due_delivery_age_seconds',
    help: 'How long the oldest due delivery has been waiting past its due time; 0 when none is due.',
    registers,
    async collect() {
      const { oldestDueAt } = await summary();
      this.set(oldestDueAt === null ? 0 : Math.max(0, clock.now() - oldestDueAt) / 1000);
    },
  });
  new Gauge({
    name: 'switchboard_subscriptions',
    help: 'Subscriptions by status (Active, Blacklisted, Expired).',
    labelNames: ['status'],
    registers,
    async collect() {
      const { subscriptions } = await summary();
      for (const [status, n] of Object.entries(subscriptions)) this.set({ status }, n);
    },
  });
}
