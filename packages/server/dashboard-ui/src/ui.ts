import { html } from 'htm/preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from './api.js';

/** Loads data for a page; `reload` fetches again (after an action). */
export function useData<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  return { ...state, reload: () => setRound((n) => n + 1) };
}

/** What a failed load shows: "not found" for a 404 (unknown and other tenants' ids alike). */
export function Failure({ error }: { error: unknown }) {
  if (error instanceof ApiFailure && error.status === 404)
    return html`<div class="notice" role="alert"><h2>Not found</h2><p>There is nothing here you can see.</p></div>`;
  const message = error instanceof Error ? error.message : String(error);
  return html`<div class="notice error" role="alert"><p>${message}</p></div>`;
}

export function Loading() {
  return html`<p class="muted" aria-live="polite">Loading…</p>`;
}

export function Page({
  title,
  children,
  actions,
}: {
  title: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  useEffect(() => {
    document.title = `${title} · Switchboard`;
  }, [title]);
  return html`<section class="page">
    <header class="page-head"><h1>${title}</h1>${actions ? html`<div class="actions">${actions}</div>` : null}</header>
    ${children}
  </section>`;
}

export function StatusBadge({ status }: { status: string }) {
  return html`<span class=${`badge badge-${status.toLowerCase()}`}>${status}</span>`;
}

/** A label and a figure, for the overview's tiles. */
export function Stat({ label, value, tone }: { label: string; value: string | number; tone?: string }) {
  return html`<div class=${`stat ${tone ?? ''}`}><div class="stat-value">${value}</div><div class="stat-label">${label}</div></div>`;
}
