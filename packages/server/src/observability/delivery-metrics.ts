import { Counter, Histogram, type Registry } from 'prom-client';
import type { Attempt } from '../model.js';
import type { ServerEvents } from '../server-events.js';

/** Seconds; a delivery times out at 3 s by default, so the upper buckets show receivers near it. */
const ATTEMPT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** A status reduced to its class, so the label set stays bounded: 2xx … 5xx, or none (no answer). */
export function statusClass(status: number | null): string {
  if (status === null || status < 100 || status > 599) return 'none';
  return `${Math.floor(status / 100)}xx`;
}

/**
 * The counters and histograms fed by the typed server events. No label carries a
 * subscription, account or URL: every label has a handful of values, whatever the traffic.
 * Returns the function that unsubscribes.
 */
export function registerDeliveryMetrics(registry: Registry, events: ServerEvents): () => void {
  const registers = [registry];
  // Every metric here is registered on `registry` only, never prom-client's global one.
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers });
  const attempts = counter(
    'switchboard_delivery_attempts_total',
    'HTTP attempts to deliver a notification, by result and response status class.',
    ['result', 'status_class'],
  );
  const attemptDuration = new Histogram({
    name: 'switchboard_delivery_attempt_duration_seconds',
    help: 'How long a delivery attempt took, from connect to the end of the response.',
    labelNames: ['result'],
    buckets: ATTEMPT_BUCKETS,
    registers,
  });
  const finished = counter(
    'switchboard_deliveries_finished_total',
    'Deliveries that left the queue: delivered (a 2xx) or dead (retries exhausted).',
    ['outcome'],
  );
  const publishes = counter(
    'switchboard_publishes_total',
    'Publish requests that committed at least one new event.',
  );
  const published = counter(
    'switchboard_events_published_total',
    'Events committed by publishes (a republished publisher id is not counted again).',
  );
  const created = counter(
    'switchboard_deliveries_created_total',
    'Deliveries queued by publishes: one per event and matching subscription.',
  );
  const subscriptionChanges = counter(
    'switchboard_subscription_transitions_total',
    'Subscriptions blacklisted, reactivated (probe, renew or update) or expired.',
    ['transition'],
  );
  const handshakes = counter(
    'switchboard_handshakes_total',
    'Validation-Token handshakes, by result: ok or the SUB-52x code of the failure.',
    ['result'],
  );
  const storeDuration = new Histogram({
    name: 'switchboard_store_operation_duration_seconds',
    help: 'Store calls on the delivery path: claiming due deliveries, recording attempts.',
    labelNames: ['operation'],
    buckets: STORE_BUCKETS,
    registers,
  });

  const onAttempt = ({ attempt }: { attempt: Attempt }) => {
    const result = attempt.error === null && statusClass(attempt.status) === '2xx' ? 'success' : 'failure';
    attempts.inc({ result, status_class: statusClass(attempt.status) });
    attemptDuration.observe({ result }, attempt.latencyMs / 1000);
  };
  const listeners = {
    'delivery:attempted': onAttempt,
    'delivery:succeeded': () => finished.inc({ outcome: 'delivered' }),
    'delivery:dead': () => finished.inc({ outcome: 'dead' }),
    'events:published': ({ eventIds, deliveries }: { eventIds: string[]; deliveries: number }) => {
      if (eventIds.length > 0) publishes.inc();
      published.inc(eventIds.length);
      created.inc(deliveries);
    },
    'subscription:blacklisted': () => subscriptionChanges.inc({ transition: 'blacklisted' }),
    'subscription:reactivated': () => subscriptionChanges.inc({ transition: 'reactivated' }),
    'subscription:expired': () => subscriptionChanges.inc({ transition: 'expired' }),
    'handshake:completed': ({ ok, code }: { ok: boolean; code: string | null }) =>
      handshakes.inc({ result: ok ? 'ok' : (code ?? 'failed') }),
    'store:timed': ({ operation, durationMs }: { operation: string; durationMs: number }) =>
      storeDuration.observe({ operation }, durationMs / 1000),
  } as const;
  for (const [name, listener] of Object.entries(listeners))
    events.on(name as keyof typeof listeners, listener as never);
  return () => {
    for (const [name, listener] of Object.entries(listeners))
      events.off(name as keyof typeof listeners, listener as never);
  };
}
