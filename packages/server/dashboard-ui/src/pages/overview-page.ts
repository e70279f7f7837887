import { html } from 'htm/preact';
import { api } from '../api.js';
import { ago, short } from '../format.js';
import { RateChart } from '../rate-chart.js';
import { Failure, Loading, Page, Stat, StatusBadge, useData } from '../ui.js';

interface FailingRow {
  id: string;
  address: string;
  status: string;
  consecutiveFailures: number;
  failingSince: string | null;
  dead: number;
}

export function OverviewPage() {
  const { data, error, loading, reload } = useData(() => api('GET', '/dashboard/api/overview'), []);
  const refresh = html`<button type="button" onClick=${reload}>Refresh</button>`;
  if (error) return html`<${Page} title="Overview"><${Failure} error=${error} /><//>`;
  if (!data) return html`<${Page} title="Overview"><${Loading} /><//>`;
  const failing = data.failingMost as FailingRow[];
  return html`<${Page} title="Overview" actions=${refresh}>
    <div class="stats" aria-busy=${loading}>
      <${Stat} label="pending" value=${data.deliveries.pending} />
      <${Stat} label="retrying" value=${data.retrying} tone=${data.retrying > 0 ? 'warn' : ''} />
      <${Stat} label="dead" value=${data.deliveries.dead} tone=${data.deliveries.dead > 0 ? 'bad' : ''} />
      <${Stat} label="oldest due delivery waiting" value=${ago(data.oldestDueAt)} />
      <${Stat} label="active subscriptions" value=${data.subscriptions.Active} />
      <${Stat} label="blacklisted" value=${data.subscriptions.Blacklisted} tone=${data.subscriptions.Blacklisted > 0 ? 'bad' : ''} />
      <${Stat} label="expired" value=${data.subscriptions.Expired} />
    </div>
    <h2>Deliveries, last hour</h2>
    <${RateChart} buckets=${data.rate} />
    <h2>Failing most</h2>
    ${
      failing.length === 0
        ? html`<p class="muted">No subscription is failing.</p>`
        : html`<table>
            <thead><tr><th scope="col">Subscription</th><th scope="col">Status</th><th scope="col">Failures in a row</th><th scope="col">Failing for</th><th scope="col">Dead</th></tr></thead>
            <tbody>
              ${failing.map(
                (s) => html`<tr key=${s.id}>
                  <td><a href=${`/dashboard/subscriptions/${encodeURIComponent(s.id)}`}>${short(s.address, 50)}</a></td>
                  <td><${StatusBadge} status=${s.status} /></td>
                  <td>${s.consecutiveFailures}</td>
                  <td>${ago(s.failingSince)}</td>
                  <td>${s.dead}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
    }
  <//>`;
}
