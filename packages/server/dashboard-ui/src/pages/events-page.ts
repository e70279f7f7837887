import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { when } from '../format.js';
import { navigate } from '../router.js';
import { Failure, Loading, Page, useData } from '../ui.js';

interface EventSummary {
  id: string;
  event: string;
  publisherId: string | null;
  createdAt: string;
  matched: number;
}

const toIso = (local: string | null) => (local ? new Date(local).toISOString() : '');

/** Events searched by the start of their path and a time range, newest first, a page at a time. */
export function EventsPage({ query }: { query: URLSearchParams }) {
  const [pageToken, setPageToken] = useState<string | null>(null);
  const params = new URLSearchParams({ perPage: '50' });
  for (const key of ['eventPath', 'since', 'until']) {
    const value = query.get(key);
    if (value) params.set(key, value);
  }
  if (pageToken) params.set('pageToken', pageToken);
  const { data, error } = useData(() => api('GET', `/v1/events?${params}`), [params.toString()]);
  const search = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const next = new URLSearchParams();
    const path = String(form.get('eventPath') ?? '').trim();
    if (path) next.set('eventPath', path);
    const since = toIso(form.get('since') as string | null);
    const until = toIso(form.get('until') as string | null);
    if (since) next.set('since', since);
    if (until) next.set('until', until);
    setPageToken(null);
    navigate(`/events${next.size ? `?${next}` : ''}`);
  };
  const localValue = (iso: string | null) =>
    iso ? new Date(Date.parse(iso) - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16) : '';
  return html`<${Page} title="Events">
    <form class="filters" role="search" onSubmit=${search}>
      <label>Path starts with <input name="eventPath" value=${query.get('eventPath') ?? ''} placeholder="/restapi/v1.0/account/…" size="40" /></label>
      <label>From <input type="datetime-local" name="since" value=${localValue(query.get('since'))} /></label>
      <label>Until <input type="datetime-local" name="until" value=${localValue(query.get('until'))} /></label>
      <button type="submit">Search</button>
    </form>
    ${
      error
        ? html`<${Failure} error=${error} />`
        : !data
          ? html`<${Loading} />`
          : data.records.length === 0
            ? html`<p class="muted">No events match.</p>`
            : html`
      <div class="table-scroll"><table>
        <thead><tr><th scope="col">Published</th><th scope="col">Event</th><th scope="col">Matched</th><th scope="col">Publisher id</th></tr></thead>
        <tbody>${(data.records as EventSummary[]).map(
          (e) => html`<tr key=${e.id}>
            <td>${when(e.createdAt)}</td>
            <td><a class="mono small" href=${`/dashboard/events/${encodeURIComponent(e.id)}`}>${e.event}</a></td>
            <td>${e.matched}</td>
            <td class="mono small">${e.publisherId ?? ''}</td>
          </tr>`,
        )}</tbody>
      </table></div>
      ${data.navigation.nextPageToken ? html`<button type="button" onClick=${() => setPageToken(data.navigation.nextPageToken)}>Older events</button>` : null}`
    }
  <//>`;
}
