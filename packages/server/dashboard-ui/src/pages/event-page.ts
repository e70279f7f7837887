import { html } from 'htm/preact';
import { api } from '../api.js';
import { short, when } from '../format.js';
import { Failure, Loading, Page, StatusBadge, useData } from '../ui.js';
import type { DeliveryRecord } from './delivery-list.js';

interface Explanation {
  id: string;
  address: string;
  matched: boolean;
  filter?: string;
  reasons: string[];
}

async function loadEvent(id: string) {
  const event = await api('GET', `/v1/events/${encodeURIComponent(id)}`);
  const explained = await api('GET', `/dashboard/api/events/${encodeURIComponent(id)}/explain`);
  return { event, explained: explained.records as Explanation[] };
}

/** One event: its body (as text), its deliveries, and why each subscription matched or did not. */
export function EventPage({ id }: { id: string }) {
  const { data, error } = useData(() => loadEvent(id), [id]);
  if (error) return html`<${Page} title="Event"><${Failure} error=${error} /><//>`;
  if (!data) return html`<${Page} title="Event"><${Loading} /><//>`;
  const { event, explained } = data;
  return html`<${Page} title="Event">
    <dl class="facts">
      <dt>Id</dt><dd class="mono">${event.id}</dd>
      <dt>Path</dt><dd class="mono">${event.event}</dd>
      <dt>Published</dt><dd>${when(event.createdAt)}</dd>
      <dt>Matched</dt><dd>${event.matched} subscriptions</dd>
    </dl>
    <h2>Body</h2>
    <pre class="body" tabindex="0" aria-label="Event body">${JSON.stringify(event.body, null, 2)}</pre>
    <h2>Deliveries</h2>
    ${
      event.deliveries.length === 0
        ? html`<p class="muted">No deliveries you can see.</p>`
        : html`
      <table>
        <thead><tr><th scope="col">State</th><th scope="col">Subscription</th><th scope="col">Filter</th><th scope="col">Attempts</th><th scope="col">Last status</th></tr></thead>
        <tbody>${(event.deliveries as DeliveryRecord[]).map(
          (d) => html`<tr key=${d.id}>
            <td><${StatusBadge} status=${d.state} /></td>
            <td><a href=${`/dashboard/subscriptions/${encodeURIComponent(d.subscriptionId)}`} class="mono small">${d.subscriptionId}</a></td>
            <td class="mono small">${short(d.filter, 70)}</td>
            <td>${d.attempts}</td>
            <td>${d.lastStatus ?? '—'}</td>
          </tr>`,
        )}</tbody>
      </table>`
    }
    <h2>Why each subscription matched or not</h2>
    ${
      explained.length === 0
        ? html`<p class="muted">No subscriptions you can see.</p>`
        : html`
      <ul class="explain">${explained.map(
        (x) => html`<li key=${x.id} class=${x.matched ? 'matched' : 'unmatched'}>
          <strong>${x.matched ? 'Matched' : 'Did not match'}</strong>${' '}
          <a href=${`/dashboard/subscriptions/${encodeURIComponent(x.id)}`}>${short(x.address, 60)}</a>
          ${x.filter ? html`<div class="mono small">by ${x.filter}</div>` : null}
          <ul>${x.reasons.map((r) => html`<li class="small" key=${r}>${r}</li>`)}</ul>
        </li>`,
      )}</ul>`
    }
  <//>`;
}
