import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SDK } from '@ringcentral/sdk';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const REDIRECT = 'http://127.0.0.1:5000/oauth2callback';

/** The authorization-code flow with PKCE end to end over real HTTP, the login page included. */
describe('authorization code with PKCE', () => {
  let app: TestApp;
  let server: string;
  let client: { clientId: string; clientSecret: string };
  before(async () => {
    app = await startTestApp();
    server = (await app.api.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
    const created = await app.call('POST', '/v1/apps', { name: 'Browser <app>', redirectUris: [REDIRECT] });
    client = { clientId: created.body.clientId, clientSecret: created.body.clientSecret };
  });
  after(async () => app.stop());

  async function consent(loginUrl: string, extension: string, decision = 'allow'): Promise<URL> {
    const page = await fetch(loginUrl);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Allow Browser &#60;app&#62;\?/, 'the app name is escaped');
    const fields = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      fields.set(
        name ?? '',
        (value ?? '').replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))),
      );
    }
    fields.set('account_id', '1001');
    fields.set('extension_id', extension);
    fields.set('decision', decision);
    const answer = await fetch(`${server}/restapi/oauth/authorize`, {
      method: 'POST',
      body: fields,
      redirect: 'manual',
    });
    assert.equal(answer.status, 302);
    return new URL(answer.headers.get('location') ?? '');
  }

  test('the SDK’s login URL, the page, the redirect with code and state, the token, an API call', async () => {
    const platform = new SDK({ server, ...client, redirectUri: REDIRECT }).platform();
    const loginUrl = platform.loginUrl({ usePKCE: true, state: 'xyz' });
    const back = await consent(loginUrl, '2002');
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
    assert.equal(back.searchParams.get('state'), 'xyz');
    const code = back.searchParams.get('code') ?? '';
    const token = (await (await platform.login({ code, redirect_uri: REDIRECT })).json()) as {
      owner_id: string;
    };
    assert.equal(token.owner_id, '2002');
    const me = (await (await platform.get('/restapi/v1.0/account/~/extension/~')).json()) as { id: number };
    assert.equal(me.id, 2002);
    // A code works once.
    const again = await fetch(`${server}/restapi/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: 'x',
      }),
    });
    assert.equal(again.status, 400);
    assert.equal(((await again.json()) as { error: string }).error, 'invalid_grant');
  });

  test('a wrong code_verifier is refused; deny sends access_denied back', async () => {
    const platform = new SDK({ server, ...client, redirectUri: REDIRECT }).platform();
    const back = await consent(platform.loginUrl({ usePKCE: true }), '2001');
    const wrong = await fetch(`${server}/restapi/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: client.clientId,
        code: back.searchParams.get('code') ?? '',
        redirect_uri: REDIRECT,
        code_verifier: 'not-the-verifier-not-the-verifier-not-the-verifier',
      }),
    });
    assert.equal(wrong.status, 400);
    assert.equal(
      ((await wrong.json()) as { errors: Array<{ errorCode: string }> }).errors[0]?.errorCode,
      'OAU-211',
    );
    const denied = await consent(platform.loginUrl({ usePKCE: true, state: 's' }), '2001', 'deny');
    assert.equal(denied.searchParams.get('error'), 'access_denied');
    assert.equal(denied.searchParams.get('code'), null);
  });

  test('an unregistered redirect_uri is refused on the page, never redirected to', async () => {
    const url = `${server}/restapi/oauth/authorize?response_type=code&client_id=${client.clientId}&redirect_uri=${encodeURIComponent('http://evil.example/cb')}`;
    const answer = await fetch(url, { redirect: 'manual' });
    assert.equal(answer.status, 400);
    assert.equal(((await answer.json()) as { error: string }).error, 'invalid_request');
  });
});
