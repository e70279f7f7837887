import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Clock } from '../clock.js';
import type { ServerEvents } from '../server-events.js';
import type { Store } from '../store/store.js';
import { registerDeliveryMetrics } from './delivery-metrics.js';
import { registerQueueGauges } from './queue-gauges.js';

/**
 * The Prometheus metrics of one server (docs/operations.md lists them): counters fed by the
 * typed server events, gauges read from the store on each scrape, and Node's process metrics
 * (CPU, memory, event-loop lag). Each server has its own registry, so several in one process
 * (tests) never share counts.
 *
 * @example
 * const metrics = new ServerMetrics({ events, store, clock });
 * reply.type(metrics.contentType).send(await metrics.render());
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly #unsubscribe: () => void;

  constructor(deps: { events: ServerEvents; store: Store; clock: Clock }) {
    collectDefaultMetrics({ register: this.registry });
    this.#unsubscribe = registerDeliveryMetrics(this.registry, deps.events);
    registerQueueGauges(this.registry, deps.store, deps.clock);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text of every metric, gauges freshly read from the store. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** Stops listening to the server events. */
  close(): void {
    this.#unsubscribe();
  }
}
