import { ServerError } from '../cli-error.js';
import type { PublishAnswer } from '../commands/api-types.js';
import type { ApiClient } from '../connection/api-client.js';
import type { EventDraft } from './trigger-input.js';

export interface PublishedEvent {
  id: string;
  event: string;
  matched: number;
  label?: string;
}

export interface PaceOptions {
  /** Events per second; none: as fast as the server takes them. */
  rate?: number | undefined;
  /** Events per request (the API takes up to 1000 by default). */
  batchSize: number;
  /** Prefix of the publisher ids that make a retried request create nothing twice. */
  runId: string;
  signal: AbortSignal;
  onPublished(events: PublishedEvent[]): void;
}

/** How often a request refused with 429/503 is tried again, waiting its Retry-After. */
const MAX_RETRIES = 5;
const MAX_WAIT_MS = 30_000;

/**
 * Publishes drafts in order, in batches, at most `rate` per second: event i is due at
 * start + i/rate, and all events due by now go in one request. Each event carries a publisher id
 * (`<runId>-<i>`), so a batch retried after a 429 or 503 is idempotent (docs/decisions.md
 * "Publishing"). Stops early when `signal` aborts; returns whether it did.
 */
export async function publishPaced(
  client: ApiClient,
  drafts: Iterable<EventDraft>,
  options: PaceOptions,
): Promise<{ interrupted: boolean }> {
  const start = Date.now();
  let batch: Array<EventDraft & { id: string }> = [];
  let i = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const sent = batch;
    batch = [];
    const answer = await publishWithRetry(client, sent, options.signal);
    options.onPublished(
      sent.map((draft, k) => ({
        id: answer.events[k]?.id ?? '?',
        event: draft.event,
        matched: answer.events[k]?.matched ?? 0,
        ...(draft.label !== undefined ? { label: draft.label } : {}),
      })),
    );
  };
  for (const draft of drafts) {
    if (options.signal.aborted) break;
    if (options.rate !== undefined) {
      const due = start + (i * 1000) / options.rate;
      if (due > Date.now()) {
        await flush();
        await sleep(due - Date.now(), options.signal);
        if (options.signal.aborted) break;
      }
    }
    batch.push({ ...draft, id: `${options.runId}-${i}` });
    i += 1;
    if (batch.length >= options.batchSize) await flush();
  }
  if (!options.signal.aborted) await flush();
  return { interrupted: options.signal.aborted };
}

async function publishWithRetry(
  client: ApiClient,
  batch: Array<EventDraft & { id: string }>,
  signal: AbortSignal,
): Promise<PublishAnswer> {
  const events = batch.map(({ event, body, id }) => ({ event, body, id }));
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await client.post<PublishAnswer>('/v1/events', { events });
    } catch (err) {
      const retryable = err instanceof ServerError && (err.status === 429 || err.status === 503);
      if (!retryable || attempt >= MAX_RETRIES) throw err;
      await sleep(Math.min(MAX_WAIT_MS, (err.retryAfterSeconds ?? 1) * 1000), signal);
      if (signal.aborted) throw err;
    }
  }
}

/** Waits `ms`, or less if `signal` aborts first. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
