import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { short } from '../format.js';
import { Page, useData } from '../ui.js';

/** What one line of the tail shows, from a `GET /v1/stream` event. */
interface TailLine {
  key: string;
  type: string;
  time: string;
  subscriptionId: string;
  deliveryId?: string;
  attempt?: { attemptNo: number; status: number | null; latencyMs: number; error: string | null };
  reason?: string;
}

const TYPES = [
  'delivery.attempted',
  'delivery.dead',
  'subscription.blacklisted',
  'subscription.reactivated',
  'subscription.expired',
  'stream.reset',
];
/** Lines kept on screen; older ones scroll away. */
const KEPT = 200;

function outcome(line: TailLine): string {
  if (line.type === 'delivery.attempted' && line.attempt) {
    const a = line.attempt;
    return `attempt ${a.attemptNo}: ${a.status ?? 'no response'}${a.error ? ` — ${a.error}` : ''} (${Math.round(a.latencyMs)} ms)`;
  }
  if (line.type === 'stream.reset') return 'some events were missed while disconnected';
  return line.reason ?? '';
}

/** Deliveries and state changes as they happen (the live stream), pausable, by subscription. */
export function LivePage() {
  const [subscriptionId, setSubscriptionId] = useState('');
  const [paused, setPaused] = useState(false);
  const [lines, setLines] = useState<TailLine[]>([]);
  const [held, setHeld] = useState<TailLine[]>([]);
  /** The subscription filter of the open stream ('' for all), or null while connecting. */
  const [connectedTo, setConnectedTo] = useState<string | null>(null);
  const connected = connectedTo !== null;
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const subscriptions = useData(() => api('GET', '/v1/subscriptions'), []);

  useEffect(() => {
    const source = new EventSource(
      `/v1/stream${subscriptionId ? `?subscriptionId=${encodeURIComponent(subscriptionId)}` : ''}`,
    );
    let n = 0;
    const onEvent = (event: MessageEvent) => {
      n += 1;
      const line = { key: event.lastEventId || `${Date.now()}-${n}`, ...JSON.parse(event.data) } as TailLine;
      if (pausedRef.current) setHeld((h) => [line, ...h].slice(0, KEPT));
      else setLines((l) => [line, ...l].slice(0, KEPT));
    };
    for (const type of TYPES) source.addEventListener(type, onEvent as EventListener);
    setConnectedTo(null);
    source.onopen = () => setConnectedTo(subscriptionId);
    source.onerror = () => setConnectedTo(null);
    return () => source.close();
  }, [subscriptionId]);

  const toggle = () => {
    if (paused) {
      setLines((l) => [...held, ...l].slice(0, KEPT));
      setHeld([]);
    }
    setPaused(!paused);
  };
  const options = (subscriptions.data?.records ?? []) as Array<{
    id: string;
    deliveryMode: { address: string };
  }>;
  const addressOf = new Map(options.map((s) => [s.id, s.deliveryMode.address]));
  const actions = html`<button type="button" aria-pressed=${paused} onClick=${toggle}>${paused ? `Resume (${held.length} new)` : 'Pause'}</button>
    <button type="button" onClick=${() => setLines([])}>Clear</button>`;
  return html`<${Page} title="Live tail" actions=${actions}>
    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()}>
      <label>Subscription
        <select value=${subscriptionId} onChange=${(e: Event) => setSubscriptionId((e.target as HTMLSelectElement).value)}>
          <option value="">all I can see</option>
          ${options.map((s) => html`<option key=${s.id} value=${s.id}>${short(s.deliveryMode.address, 50)}</option>`)}
        </select>
      </label>
      <span class=${`connection ${connected ? 'on' : 'off'}`} data-stream=${connectedTo ?? ''} role="status">${connected ? 'live' : 'connecting…'}</span>
    </form>
    ${lines.length === 0 ? html`<p class="muted">Waiting for deliveries…</p>` : null}
    <ol class="tail" aria-live="polite" aria-label="Live events">
      ${lines.map(
        (
          line,
        ) => html`<li key=${line.key} class=${`tail-line ${line.type.replace('.', '-')}`} data-delivery-id=${line.deliveryId ?? ''}>
          <time>${new Date(line.time ?? Date.now()).toLocaleTimeString()}</time>
          <span class="tail-type">${line.type}</span>
          <a class="mono small" href=${`/dashboard/subscriptions/${encodeURIComponent(line.subscriptionId ?? '')}`}>${short(addressOf.get(line.subscriptionId) ?? line.subscriptionId ?? '', 40)}</a>
          <span>${outcome(line)}</span>
        </li>`,
      )}
    </ol>
  <//>`;
}
