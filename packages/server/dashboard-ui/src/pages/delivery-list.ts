import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { short, when } from '../format.js';
import { Failure, Loading, StatusBadge, useData } from '../ui.js';

const STATES = ['', 'pending', 'delivered', 'dead', 'expired'];

export interface DeliveryRecord {
  id: string;
  eventId: string;
  subscriptionId: string;
  filter: string;
  state: string;
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  lastStatus: number | null;
  lastError: string | null;
}

/** A subscription's deliveries by state; each opens to its attempts, with a Redeliver button. */
export function DeliveryList({
  subscriptionId,
  round,
  onChanged,
}: {
  subscriptionId: string;
  round: number;
  onChanged: (message: string) => void;
}) {
  const [state, setState] = useState('');
  const base = `/v1/subscriptions/${encodeURIComponent(subscriptionId)}/deliveries?limit=50`;
  const { data, error, reload } = useData(
    () => api('GET', state ? `${base}&state=${state}` : base),
    [subscriptionId, state, round],
  );
  return html`<section aria-labelledby="deliveries-title">
    <h2 id="deliveries-title">Deliveries</h2>
    <div class="tabs" role="group" aria-label="Delivery state">
      ${STATES.map(
        (s) =>
          html`<button type="button" key=${s} aria-pressed=${state === s} onClick=${() => setState(s)}>${s || 'all'}</button>`,
      )}
    </div>
    ${
      error
        ? html`<${Failure} error=${error} />`
        : !data
          ? html`<${Loading} />`
          : data.records.length === 0
            ? html`<p class="muted">No deliveries.</p>`
            : html`
      <ul class="deliveries">
        ${(data.records as DeliveryRecord[]).map(
          (d) =>
            html`<${DeliveryItem} key=${d.id} delivery=${d} onChanged=${(message: string) => {
              reload();
              onChanged(message);
            }} />`,
        )}
      </ul>`
    }
  </section>`;
}

interface Attempt {
  time: string;
  status: number | null;
  latencyMs: number;
  error: string | null;
  responseSnippet: string | null;
}

function DeliveryItem({
  delivery,
  onChanged,
}: {
  delivery: DeliveryRecord;
  onChanged: (message: string) => void;
}) {
  const [attempts, setAttempts] = useState<Attempt[] | null>(null);
  const [note, setNote] = useState('');
  const open = async (event: Event) => {
    if (!(event.target as HTMLDetailsElement).open || attempts) return;
    const detail = await api('GET', `/v1/deliveries/${encodeURIComponent(delivery.id)}`);
    setAttempts(detail.attempts);
  };
  const redeliver = async () => {
    try {
      const r = await api('POST', `/v1/deliveries/${encodeURIComponent(delivery.id)}/redeliver`);
      // The list reloads (the delivery may leave the state shown), so the page says what happened.
      setAttempts(null);
      onChanged(`Delivery ${delivery.id} queued again (${r.delivery.state}).`);
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };
  return html`<li class="delivery" data-delivery-id=${delivery.id}>
    <details onToggle=${open}>
      <summary>
        <${StatusBadge} status=${delivery.state} />
        <span class="mono small">${short(delivery.filter, 60)}</span>
        <span class="muted small">${when(delivery.createdAt)} · ${delivery.attempts} ${delivery.attempts === 1 ? 'attempt' : 'attempts'}${delivery.lastStatus !== null ? ` · last ${delivery.lastStatus}` : ''}</span>
      </summary>
      <div class="delivery-body">
        <p class="small">Event <a href=${`/dashboard/events/${encodeURIComponent(delivery.eventId)}`}>${delivery.eventId}</a> · next attempt ${when(delivery.nextAttemptAt)}</p>
        ${delivery.lastError ? html`<p class="small error-text">${delivery.lastError}</p>` : null}
        ${
          attempts === null
            ? html`<${Loading} />`
            : attempts.length === 0
              ? html`<p class="muted small">No attempt yet.</p>`
              : html`
          <table class="attempts">
            <thead><tr><th scope="col">Time</th><th scope="col">Status</th><th scope="col">Latency</th><th scope="col">Error</th><th scope="col">Response</th></tr></thead>
            <tbody>${attempts.map(
              (a, i) =>
                html`<tr key=${i}><td>${when(a.time)}</td><td>${a.status ?? '—'}</td><td>${Math.round(a.latencyMs)} ms</td><td>${a.error ?? ''}</td><td><pre class="snippet">${a.responseSnippet ?? ''}</pre></td></tr>`,
            )}</tbody>
          </table>`
        }
        <button type="button" onClick=${redeliver}>Redeliver</button> <span role="status" class="small">${note}</span>
      </div>
    </details>
  </li>`;
}
