import type { AuthorizeRequest } from '../../oauth/authorize-request.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The small login and consent page of the authorization-code flow (development mode): pick the
 * extension to log in as and allow the app. Every echoed value is HTML-escaped.
 */
export function consentPage(
  request: AuthorizeRequest,
  defaults: { accountId: string; extensionId: string },
): string {
  const hidden = (name: string, value: string | null) =>
    value === null ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Switchboard: allow ${escapeHtml(request.app.name)}</title></head>
<body>
<h1>Allow ${escapeHtml(request.app.name)}?</h1>
<p>It asks for: ${escapeHtml(request.app.scope)}. You will be sent back to ${escapeHtml(request.redirectUri)}.</p>
<form method="post" action="/restapi/oauth/authorize">
${hidden('response_type', 'code')}${hidden('client_id', request.app.clientId)}${hidden('redirect_uri', request.redirectUri)}${hidden('state', request.state)}${hidden('code_challenge', request.codeChallenge)}${request.codeChallenge ? hidden('code_challenge_method', 'S256') : ''}
<label>Account <input name="account_id" value="${escapeHtml(defaults.accountId)}"></label>
<label>Extension <input name="extension_id" value="${escapeHtml(defaults.extensionId)}"></label>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
</body></html>
`;
}
