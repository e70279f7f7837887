import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api, type Session, setCsrfToken } from '../api.js';

/** Trades a token for a session cookie; the token leaves the page only in this one request body. */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const token = String(new FormData(form).get('token') ?? '').trim();
    try {
      const session = (await api('POST', '/dashboard/session', { token })) as Session;
      form.reset();
      setCsrfToken(session.csrfToken);
      onSignedIn(session);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return html`<main class="sign-in">
    <form class="card stack" onSubmit=${submit}>
      <h1>Switchboard</h1>
      <p>Sign in with an API token. The admin token sees everything; a user token sees its own subscriptions.</p>
      <label>Token <input name="token" type="password" autocomplete="off" required autofocus /></label>
      ${error ? html`<p class="error-text" role="alert">${error}</p>` : null}
      <button type="submit" class="primary">Sign in</button>
      <p class="muted small">The token is exchanged for a session cookie and is not kept by the page.</p>
    </form>
  </main>`;
}
