import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ago, short } from '../format.js';
import { Failure, Loading, Page, StatusBadge, useData } from '../ui.js';

export interface SubscriptionRecord {
  id: string;
  status: string;
  eventFilters: string[];
  deliveryMode: { address: string };
  expirationTime: string;
  accountId: string;
  extensionId: string;
  failingSince: string | null;
  consecutiveFailures: number;
  lastSuccessAt: string | null;
  blacklistedData?: { blacklistedAt: string; reason: string };
  deliveries: { pending: number; delivered: number; dead: number; expired: number };
}

/** Health in words: what an operator scans the list for. */
export function health(s: SubscriptionRecord): string {
  if (s.status === 'Blacklisted') return 'blacklisted';
  if (s.consecutiveFailures > 0) return `failing ${ago(s.failingSince)} (${s.consecutiveFailures} in a row)`;
  return s.lastSuccessAt ? `ok, last success ${ago(s.lastSuccessAt)} ago` : 'no delivery yet';
}

export function SubscriptionsPage({ query }: { query: URLSearchParams }) {
  const [status, setStatus] = useState(query.get('status') ?? '');
  const [search, setSearch] = useState(query.get('q') ?? '');
  const { data, error } = useData(
    () => api('GET', `/v1/subscriptions${status ? `?status=${encodeURIComponent(status)}` : ''}`),
    [status],
  );
  const needle = search.trim().toLowerCase();
  const rows = ((data?.records ?? []) as SubscriptionRecord[]).filter(
    (s) =>
      needle === '' ||
      s.id.toLowerCase().includes(needle) ||
      s.deliveryMode.address.toLowerCase().includes(needle) ||
      s.eventFilters.some((f) => f.toLowerCase().includes(needle)),
  );
  return html`<${Page} title="Subscriptions">
    <form class="filters" role="search" onSubmit=${(e: Event) => e.preventDefault()}>
      <label>Search <input type="search" value=${search} placeholder="id, address or filter" onInput=${(e: Event) => setSearch((e.target as HTMLInputElement).value)} /></label>
      <label>Status
        <select value=${status} onChange=${(e: Event) => setStatus((e.target as HTMLSelectElement).value)}>
          <option value="">any</option><option>Active</option><option>Blacklisted</option><option>Expired</option>
        </select>
      </label>
    </form>
    ${
      error
        ? html`<${Failure} error=${error} />`
        : !data
          ? html`<${Loading} />`
          : rows.length === 0
            ? html`<p class="muted">No subscription matches.</p>`
            : html`
      <div class="table-scroll"><table>
        <thead><tr><th scope="col">Address</th><th scope="col">Status</th><th scope="col">Health</th><th scope="col">Filters</th><th scope="col">Pending</th><th scope="col">Delivered</th><th scope="col">Dead</th></tr></thead>
        <tbody>
          ${rows.map(
            (s) => html`<tr key=${s.id}>
              <td><a href=${`/dashboard/subscriptions/${encodeURIComponent(s.id)}`}>${short(s.deliveryMode.address, 48)}</a><div class="muted small">${s.id}</div></td>
              <td><${StatusBadge} status=${s.status} /></td>
              <td>${health(s)}</td>
              <td>${s.eventFilters.map((f) => html`<div class="mono small" key=${f}>${short(f, 70)}</div>`)}</td>
              <td>${s.deliveries.pending}</td>
              <td>${s.deliveries.delivered}</td>
              <td>${s.deliveries.dead}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`
    }
  <//>`;
}
