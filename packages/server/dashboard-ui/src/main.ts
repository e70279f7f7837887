import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, currentSession, type Session } from './api.js';
import { EventPage } from './pages/event-page.js';
import { EventsPage } from './pages/events-page.js';
import { LivePage } from './pages/live-page.js';
import { OverviewPage } from './pages/overview-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { SubscriptionPage } from './pages/subscription-page.js';
import { SubscriptionsPage } from './pages/subscriptions-page.js';
import { TestEventPage } from './pages/test-event-page.js';
import { interceptLinks, useLocation } from './router.js';
import { Page } from './ui.js';

const NAV = [
  ['/', 'Overview'],
  ['/subscriptions', 'Subscriptions'],
  ['/events', 'Events'],
  ['/live', 'Live tail'],
  ['/test-event', 'Send test event'],
] as const;

function Content({ session }: { session: Session }) {
  const { path, query } = useLocation();
  const [, section, id] = path.split('/');
  if (path === '/') return html`<${OverviewPage} />`;
  if (section === 'subscriptions' && id) return html`<${SubscriptionPage} id=${decodeURIComponent(id)} />`;
  if (section === 'subscriptions') return html`<${SubscriptionsPage} query=${query} />`;
  if (section === 'events' && id) return html`<${EventPage} id=${decodeURIComponent(id)} />`;
  if (section === 'events') return html`<${EventsPage} query=${query} />`;
  if (section === 'live') return html`<${LivePage} />`;
  if (section === 'test-event') return html`<${TestEventPage} session=${session} />`;
  return html`<${Page} title="Not found"><p>There is no such page.</p><//>`;
}

function Shell({ session, onSignedOut }: { session: Session; onSignedOut: () => void }) {
  const { path } = useLocation();
  const signOut = async () => {
    await api('DELETE', '/dashboard/session');
    onSignedOut();
  };
  const current = (href: string) => (href === '/' ? path === '/' : path.startsWith(href));
  return html`<div class="shell">
    <a class="skip" href="#main">Skip to content</a>
    <header class="top">
      <a class="brand" href="/dashboard/">Switchboard</a>
      <nav aria-label="Main">
        ${NAV.map(([href, label]) => html`<a key=${href} href=${`/dashboard${href === '/' ? '/' : href}`} aria-current=${current(href) ? 'page' : undefined}>${label}</a>`)}
      </nav>
      <div class="who">
        <span class="small">${session.role} · account ${session.accountId}${session.role === 'user' ? ` · extension ${session.extensionId}` : ''}</span>
        <button type="button" onClick=${signOut}>Sign out</button>
      </div>
    </header>
    <main id="main" tabindex="-1"><${Content} session=${session} /></main>
  </div>`;
}

function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    currentSession().then(setSession, () => setSession(null));
  }, []);
  if (session === undefined) return html`<p class="muted">Loading…</p>`;
  if (session === null) return html`<${SignInPage} onSignedIn=${setSession} />`;
  return html`<${Shell} session=${session} onSignedOut=${() => setSession(null)} />`;
}

interceptLinks();
const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(html`<${App} />`, root);
}
