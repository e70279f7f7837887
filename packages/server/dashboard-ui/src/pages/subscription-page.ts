import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { short, when } from '../format.js';
import { navigate } from '../router.js';
import { Failure, Loading, Page, StatusBadge, useData } from '../ui.js';
import { DeliveryList } from './delivery-list.js';
import { health, type SubscriptionRecord } from './subscriptions-page.js';

const RC = '/restapi/v1.0/subscription';

export function SubscriptionPage({ id }: { id: string }) {
  const path = `/v1/subscriptions/${encodeURIComponent(id)}`;
  const { data, error, reload } = useData(() => api('GET', path), [id]);
  const [message, setMessage] = useState<{ text: string; secret?: string; error?: boolean } | null>(null);
  const [round, setRound] = useState(0);
  if (error) return html`<${Page} title="Subscription"><${Failure} error=${error} /><//>`;
  if (!data) return html`<${Page} title="Subscription"><${Loading} /><//>`;
  const s = data as SubscriptionRecord;

  const act = async (what: () => Promise<{ text: string; secret?: string }>) => {
    try {
      setMessage(await what());
      reload();
      setRound((n) => n + 1);
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true });
    }
  };
  const renew = () =>
    act(async () => {
      await api('POST', `${RC}/${encodeURIComponent(id)}/renew`);
      return { text: 'Renewed.' };
    });
  const rotate = () =>
    act(async () => {
      const r = await api('POST', `${path}/rotate-secret`);
      return {
        text: 'New signing secret (shown once; the previous one keeps signing for a while):',
        secret: r.signingSecret,
      };
    });
  const remove = async () => {
    if (!confirm(`Delete the subscription to ${s.deliveryMode.address}? This cannot be undone.`)) return;
    try {
      await api('DELETE', `${RC}/${encodeURIComponent(id)}`);
      navigate('/subscriptions');
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true });
    }
  };
  const recover = (event: Event) => {
    event.preventDefault();
    const value = new FormData(event.target as HTMLFormElement).get('since');
    if (typeof value !== 'string' || value === '') return;
    act(async () => {
      const r = await api('POST', `${path}/recover`, { since: new Date(value).toISOString() });
      return { text: `Queued ${r.requeued} deliveries again.` };
    });
  };
  // The server-wide bulk redeliver, narrowed to this subscription: every dead and expired one.
  const redeliverFailed = () =>
    act(async () => {
      const r = await api('POST', '/v1/deliveries/redeliver', { subscriptionId: id });
      return {
        text: `Queued ${r.requeued} dead or expired deliveries again${r.more ? ' (more remain: again)' : ''}.`,
      };
    });

  const actions = html`
    <button type="button" onClick=${redeliverFailed} disabled=${s.deliveries.dead + s.deliveries.expired === 0}>Redeliver failed</button>
    <button type="button" onClick=${renew}>Renew</button>
    <button type="button" onClick=${rotate}>Rotate secret</button>
    <button type="button" class="danger" onClick=${remove}>Delete…</button>`;
  return html`<${Page} title=${short(s.deliveryMode.address, 60)} actions=${actions}>
    ${message ? html`<div class=${`notice ${message.error ? 'error' : 'ok'}`} role="status">${message.text}${message.secret ? html` <code class="secret">${message.secret}</code>` : null}</div>` : null}
    <dl class="facts">
      <dt>Id</dt><dd class="mono">${s.id}</dd>
      <dt>Status</dt><dd><${StatusBadge} status=${s.status} /> ${s.blacklistedData ? html`<span class="muted">${s.blacklistedData.reason}</span>` : null}</dd>
      <dt>Health</dt><dd>${health(s)}</dd>
      <dt>Owner</dt><dd>account ${s.accountId}, extension ${s.extensionId}</dd>
      <dt>Expires</dt><dd>${when(s.expirationTime)}</dd>
      <dt>Filters</dt><dd>${s.eventFilters.map((f) => html`<div class="mono small" key=${f}>${f}</div>`)}</dd>
      <dt>Deliveries</dt><dd>${s.deliveries.pending} pending · ${s.deliveries.delivered} delivered · ${s.deliveries.dead} dead · ${s.deliveries.expired} expired</dd>
    </dl>
    <form class="inline-form" onSubmit=${recover}>
      <label>Recover deliveries since <input type="datetime-local" name="since" required /></label>
      <button type="submit">Recover</button>
    </form>
    <${DeliveryList}
      subscriptionId=${s.id}
      round=${round}
      onChanged=${(text: string) => {
        setMessage({ text });
        reload();
      }}
    />
  <//>`;
}
