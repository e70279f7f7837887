import { useEffect, useState } from 'preact/hooks';

/** Page paths live under /dashboard/; the server answers every one with the same page. */
export const BASE = '/dashboard';

export function navigate(path: string): void {
  history.pushState(null, '', BASE + path);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The path below /dashboard, e.g. `/subscriptions/abc`, with the query string. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const read = () => ({
    path: location.pathname.slice(BASE.length).replace(/\/$/, '') || '/',
    query: new URLSearchParams(location.search),
  });
  const [where, setWhere] = useState(read);
  useEffect(() => {
    const update = () => setWhere(read());
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return where;
}

/** Same-page navigation for plain links, so they stay real links (open in a new tab works). */
export function interceptLinks(): void {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    const href = link.getAttribute('href');
    if (!href?.startsWith(`${BASE}/`) && href !== BASE) return;
    event.preventDefault();
    navigate(href.slice(BASE.length) || '/');
  });
}
