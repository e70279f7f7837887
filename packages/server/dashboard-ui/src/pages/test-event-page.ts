import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api, type Session } from '../api.js';
import { Failure, Loading, Page, useData } from '../ui.js';

interface Kind {
  name: string;
  description: string;
  size: number;
  fixedDirection: string | null;
}

/** Publishes the events of one `switchboard trigger` kind, built by the server's generators. */
export function TestEventPage({ session }: { session: Session }) {
  const kinds = useData(() => api('GET', '/dashboard/api/test-event-kinds'), []);
  const [result, setResult] = useState<{
    text: string;
    ids: Array<{ id: string; matched: number }>;
    error?: boolean;
  } | null>(null);
  const canPublish = session.role !== 'user';
  const send = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const kind = String(form.get('kind'));
    const direction = String(form.get('direction'));
    try {
      const drafts = await api('POST', '/dashboard/api/test-event-drafts', { kind, direction });
      const published = await api('POST', '/v1/events', { events: drafts.events });
      const matched = published.events.reduce((n: number, e: { matched: number }) => n + e.matched, 0);
      setResult({
        text: `Published ${published.events.length} event(s), matched ${matched} subscription(s).`,
        ids: published.events,
      });
    } catch (e) {
      setResult({ text: e instanceof Error ? e.message : String(e), ids: [], error: true });
    }
  };
  if (kinds.error) return html`<${Page} title="Send a test event"><${Failure} error=${kinds.error} /><//>`;
  if (!kinds.data) return html`<${Page} title="Send a test event"><${Loading} /><//>`;
  return html`<${Page} title="Send a test event">
    <p>Publishes a realistic RingCentral event for account ${session.accountId}, extension ${session.extensionId}: the same events as <code>switchboard trigger</code>.</p>
    ${canPublish ? null : html`<div class="notice" role="note">This token (role user) may not publish events. Sign in with an admin or publisher token to send one.</div>`}
    <form class="stack" onSubmit=${send}>
      <fieldset disabled=${!canPublish}>
        <legend>Event kind</legend>
        ${(kinds.data.records as Kind[]).map(
          (k, i) =>
            html`<label class="choice" key=${k.name}><input type="radio" name="kind" value=${k.name} checked=${i === 0} /> <strong>${k.name}</strong> <span class="muted">${k.description}</span></label>`,
        )}
      </fieldset>
      <label>Direction <select name="direction" disabled=${!canPublish}><option>Inbound</option><option>Outbound</option></select></label>
      <div><button type="submit" class="primary" disabled=${!canPublish}>Publish</button></div>
    </form>
    ${
      result
        ? html`<div class=${`notice ${result.error ? 'error' : 'ok'}`} role="status">
      <p>${result.text}</p>
      <ul>${result.ids.map((e) => html`<li key=${e.id}><a href=${`/dashboard/events/${encodeURIComponent(e.id)}`} class="mono">${e.id}</a> matched ${e.matched}</li>`)}</ul>
    </div>`
        : null
    }
  <//>`;
}
