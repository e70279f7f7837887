import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_EXTENSION_ID } from '../../model.js';
import { issueAuthorizationCode } from '../../oauth/authorization-code.js';
import { checkAuthorizeRequest } from '../../oauth/authorize-request.js';
import { OAuthError } from '../../oauth/oauth-error.js';
import type { TokenForm } from '../../oauth/token-form.js';
import { consentPage } from '../views/consent-page.js';

const ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * `GET|POST /restapi/oauth/authorize` (authorization code with PKCE): GET shows the login and
 * consent page, POST (the page's form) redirects to the app's `redirect_uri` with `code` and
 * `state`. Switchboard has no user logins, so the page lets a developer pick the extension: it is
 * served in development mode only; in production it answers `access_denied`.
 */
export function oauthAuthorizeRoutes(scope: FastifyInstance, ctx: AppContext): void {
  const development = ctx.config.mode === 'development';

  scope.get('/restapi/oauth/authorize', async (request, reply) => {
    if (!development) throw denied('the login page is served in development mode only');
    const checked = await checkAuthorizeRequest(ctx.store, request.query as TokenForm);
    const page = consentPage(checked, { accountId: DEFAULT_ACCOUNT_ID, extensionId: DEFAULT_EXTENSION_ID });
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page);
  });

  scope.post('/restapi/oauth/authorize', async (request, reply) => {
    if (!development) throw denied('the login page is served in development mode only');
    const form = formOf(request);
    const checked = await checkAuthorizeRequest(ctx.store, form);
    const target = new URL(checked.redirectUri);
    if (checked.state !== null) target.searchParams.set('state', checked.state);
    if (form.decision !== 'allow') {
      target.searchParams.set('error', 'access_denied');
      return reply.redirect(target.toString(), 302);
    }
    const accountId = form.account_id ?? DEFAULT_ACCOUNT_ID;
    const extensionId = form.extension_id ?? DEFAULT_EXTENSION_ID;
    if (!ID.test(accountId) || !ID.test(extensionId))
      throw denied('account and extension ids are 1-64 letters, digits, . _ -');
    const code = await issueAuthorizationCode(ctx, {
      app: checked.app,
      owner: { accountId, extensionId, role: 'user' },
      redirectUri: checked.redirectUri,
      codeChallenge: checked.codeChallenge,
    });
    target.searchParams.set('code', code);
    return reply.redirect(target.toString(), 302);
  });
}

function formOf(request: FastifyRequest): TokenForm {
  return (request.body ?? {}) as TokenForm;
}

function denied(detail: string): OAuthError {
  return new OAuthError('access_denied', 'OAU-101', { parameter: 'request' }, detail);
}
