import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OAuthApp, OAuthSession } from '../../src/oauth/oauth-model.js';
import type { Store } from '../../src/store/store.js';
import { nextId, T0 } from './fixtures.js';

function makeApp(overrides: Partial<OAuthApp> = {}): OAuthApp {
  return {
    clientId: nextId('client'),
    name: 'My app',
    secretHash: 'a'.repeat(64),
    grants: ['urn:ietf:params:oauth:grant-type:jwt-bearer', 'refresh_token'],
    redirectUris: ['http://127.0.0.1:5000/oauth'],
    scope: 'ReadAccounts SubscriptionWebhook',
    createdAt: T0,
    ...overrides,
  };
}

function makeSession(clientId: string, overrides: Partial<OAuthSession> = {}): OAuthSession {
  const id = nextId('session');
  return {
    id,
    clientId,
    accountId: '1001',
    extensionId: '2001',
    role: 'user',
    endpointId: `endpoint-${id}`,
    scope: 'ReadAccounts',
    accessHash: `access-${id}`,
    accessExpiresAt: T0 + 3_600_000,
    refreshHash: `refresh-${id}`,
    refreshExpiresAt: T0 + 604_800_000,
    createdAt: T0,
    revokedAt: null,
    ...overrides,
  };
}

/** The OAuth part of the Store contract (store/oauth-store.ts), run inside runStoreContract. */
export function runOAuthContract(stores: () => { store: Store; peer: Store }): void {
  test('oauth: apps are created, found, listed and deleted with their sessions', async () => {
    const { store } = stores();
    const app = makeApp();
    await store.createOAuthApp(app);
    assert.deepEqual(await store.findOAuthApp(app.clientId), app);
    assert.ok((await store.listOAuthApps()).some((a) => a.clientId === app.clientId));
    const session = makeSession(app.clientId);
    await store.createOAuthSession(session);
    assert.equal(await store.deleteOAuthApp(app.clientId), true);
    assert.equal(await store.findOAuthApp(app.clientId), null);
    assert.equal(await store.findSessionByAccessHash(session.accessHash), null);
    assert.equal(await store.deleteOAuthApp(app.clientId), false);
  });

  test('oauth: credentials keep their owner and role', async () => {
    const { store } = stores();
    const credential = {
      id: nextId('credential'),
      clientId: null,
      accountId: '1001',
      extensionId: '2001',
      role: 'admin' as const,
      createdAt: T0,
      revokedAt: null,
    };
    await store.createJwtCredential(credential);
    assert.deepEqual(await store.getJwtCredential(credential.id), credential);
    assert.equal(await store.getJwtCredential('nope'), null);
  });

  test('oauth: a session is found by either token until revoked', async () => {
    const { store, peer } = stores();
    const app = makeApp();
    await store.createOAuthApp(app);
    const session = makeSession(app.clientId);
    await store.createOAuthSession(session);
    assert.deepEqual(await peer.findSessionByAccessHash(session.accessHash), session);
    assert.deepEqual(await peer.findSessionByRefreshHash(session.refreshHash), session);
    assert.equal(await store.revokeOAuthSession(session.id, T0 + 5), true);
    assert.equal(await store.revokeOAuthSession(session.id, T0 + 6), false);
    assert.equal(await peer.findSessionByAccessHash(session.accessHash), null);
    assert.equal(await peer.findSessionByRefreshHash(session.refreshHash), null);
  });

  test('oauth: of two refreshes with one refresh token, exactly one rotates the session', async () => {
    const { store, peer } = stores();
    const app = makeApp();
    await store.createOAuthApp(app);
    const session = makeSession(app.clientId);
    await store.createOAuthSession(session);
    const next = (tag: string) => ({
      accessHash: `access-${tag}-${session.id}`,
      accessExpiresAt: T0 + 7_200_000,
      refreshHash: `refresh-${tag}-${session.id}`,
      refreshExpiresAt: T0 + 700_000_000,
    });
    const results = await Promise.all([
      store.rotateSessionTokens(session.id, session.refreshHash, next('a')),
      peer.rotateSessionTokens(session.id, session.refreshHash, next('b')),
    ]);
    const winners = results.filter((r) => r !== null);
    assert.equal(winners.length, 1);
    assert.equal(
      await store.findSessionByAccessHash(session.accessHash),
      null,
      'the old access token is gone',
    );
    const winner = winners[0];
    assert.ok(winner);
    assert.deepEqual(await store.findSessionByRefreshHash(winner.refreshHash), winner);
  });

  test('oauth: an authorization code works once and not after it expires', async () => {
    const { store, peer } = stores();
    const app = makeApp();
    await store.createOAuthApp(app);
    const code = {
      hash: nextId('code'),
      clientId: app.clientId,
      accountId: '1001',
      extensionId: '2001',
      role: 'user' as const,
      redirectUri: 'http://127.0.0.1:5000/oauth',
      codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      expiresAt: T0 + 60_000,
    };
    await store.createAuthorizationCode(code);
    assert.deepEqual(await peer.consumeAuthorizationCode(code.hash, T0), code);
    assert.equal(await store.consumeAuthorizationCode(code.hash, T0), null);
    const stale = { ...code, hash: nextId('code') };
    await store.createAuthorizationCode(stale);
    assert.equal(await store.consumeAuthorizationCode(stale.hash, T0 + 60_000), null);
  });

  test('oauth: every node gets the first signing key written', async () => {
    const { store, peer } = stores();
    const first = await store.signingKey('key-one', T0);
    assert.equal(await peer.signingKey('key-two', T0), first);
    assert.equal(await store.signingKey('key-three', T0), first);
  });
}

/** The directory part of the Store contract (store/directory-store.ts). */
export function runDirectoryContract(stores: () => { store: Store; peer: Store }): void {
  test('directory: accounts and extensions are saved, replaced and read back', async () => {
    const { store, peer } = stores();
    const accountId = nextId('account');
    assert.equal(await store.getAccount(accountId), null);
    const account = {
      id: accountId,
      name: 'Acme',
      mainNumber: '+15550100',
      status: 'Confirmed' as const,
      updatedAt: T0,
    };
    await store.saveAccount(account);
    await store.saveAccount({ ...account, name: 'Acme Inc.', updatedAt: T0 + 1 });
    assert.deepEqual(await peer.getAccount(accountId), { ...account, name: 'Acme Inc.', updatedAt: T0 + 1 });
    const extension = {
      accountId,
      id: '2001',
      name: 'Ada Lovelace',
      extensionNumber: '101',
      email: 'ada@example.com',
      status: 'Enabled' as const,
      updatedAt: T0,
    };
    await store.saveExtension(extension);
    await store.saveExtension({ ...extension, status: 'Deleted', updatedAt: T0 + 2 });
    assert.deepEqual(await peer.getExtension(accountId, '2001'), {
      ...extension,
      status: 'Deleted',
      updatedAt: T0 + 2,
    });
    assert.equal(await peer.getExtension(accountId, '2002'), null);
  });
}
