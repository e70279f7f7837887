import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashToken } from '../../src/tokens/hash-token.js';
import { TOKENS } from './api-fixtures.js';
import { call, useHarness } from './harness.js';

const h = useHarness();

describe('POST /v1/tokens', () => {
  it('creates a token shown once, stores only its SHA-256, and the token works', async () => {
    const answer = await call(h, 'POST', '/v1/tokens', {
      token: TOKENS.admin,
      body: { role: 'user', name: 'ci' },
    });
    assert.equal(answer.status, 201, answer.text);
    const created = answer.json;
    assert.match(created.token, /^sbt_/);
    assert.deepEqual(
      { ...created, id: undefined, token: undefined },
      {
        id: undefined,
        token: undefined,
        role: 'user',
        name: 'ci',
        accountId: '1001',
        extensionId: '2001',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    );
    const stored = await h.store.findTokenByHash(hashToken(created.token));
    assert.equal(stored?.id, created.id);
    assert.ok(!JSON.stringify(stored).includes(created.token));
    const used = await call(h, 'GET', '/restapi/v1.0/subscription', { token: created.token });
    assert.equal(used.status, 200);
  });

  it('takes explicit ids; a user of another account needs its extension', async () => {
    const publisher = await call(h, 'POST', '/v1/tokens', {
      token: TOKENS.admin,
      body: { role: 'publisher', name: 'billing', accountId: '1002' },
    });
    assert.equal(publisher.status, 201);
    assert.equal(publisher.json.accountId, '1002');
    const user = await call(h, 'POST', '/v1/tokens', {
      token: TOKENS.admin,
      body: { role: 'user', name: 'u', accountId: '1002' },
    });
    assert.equal(user.status, 400);
    assert.equal(user.json.parameterName, 'extensionId');
    const ok = await call(h, 'POST', '/v1/tokens', {
      token: TOKENS.admin,
      body: { role: 'user', name: 'u', accountId: '1002', extensionId: '3002' },
    });
    assert.equal(ok.json.extensionId, '3002');
  });

  const invalid: Array<[unknown, string]> = [
    [{ name: 'x' }, 'role'],
    [{ role: 'root', name: 'x' }, 'role'],
    [{ role: 'user' }, 'name'],
    [{ role: 'user', name: '' }, 'name'],
    [{ role: 'user', name: 'x', accountId: '~' }, 'accountId'],
    [{ role: 'user', name: 'x', extensionId: 'a/b' }, 'extensionId'],
  ];
  for (const [body, parameterName] of invalid) {
    it(`answers 400 CMN-101 ${parameterName} for ${JSON.stringify(body)}`, async () => {
      const answer = await call(h, 'POST', '/v1/tokens', { token: TOKENS.admin, body });
      assert.equal(answer.status, 400);
      assert.equal(answer.json.errorCode, 'CMN-101');
      assert.equal(answer.json.parameterName, parameterName);
    });
  }

  it('is for admins only (403 SWB-103)', async () => {
    for (const token of [TOKENS.user, TOKENS.publisher]) {
      for (const [method, url] of [
        ['POST', '/v1/tokens'],
        ['GET', '/v1/tokens'],
        ['DELETE', '/v1/tokens/token-user'],
      ]) {
        const answer = await call(h, method as string, url as string, {
          token,
          body: { role: 'admin', name: 'x' },
        });
        assert.equal(answer.status, 403, `${method} ${url}`);
        assert.equal(answer.json.errorCode, 'SWB-103');
        assert.match(answer.json.message, /is not allowed to manage tokens$/);
      }
    }
  });
});

describe('GET /v1/tokens', () => {
  it('lists tokens without secrets or hashes', async () => {
    const answer = await call(h, 'GET', '/v1/tokens', { token: TOKENS.admin });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.records.length, Object.keys(TOKENS).length);
    for (const record of answer.json.records) {
      assert.deepEqual(Object.keys(record).sort(), [
        'accountId',
        'createdAt',
        'extensionId',
        'id',
        'name',
        'revokedAt',
        'role',
      ]);
    }
    assert.ok(!answer.text.includes(hashToken(TOKENS.user)));
  });
});

describe('DELETE /v1/tokens/{id}', () => {
  it('revokes a token: 204, then it answers 401 (OAU-213 on the RingCentral API)', async () => {
    const answer = await call(h, 'DELETE', '/v1/tokens/token-user', { token: TOKENS.admin });
    assert.equal(answer.status, 204);
    assert.equal(answer.text, '');
    const refused = await call(h, 'GET', '/restapi/v1.0/subscription', { token: TOKENS.user });
    assert.equal(refused.status, 401);
    assert.equal(refused.json.errorCode, 'OAU-213');
    const again = await call(h, 'DELETE', '/v1/tokens/token-user', { token: TOKENS.admin });
    assert.equal(again.status, 404);
    assert.equal(again.json.parameterName, 'tokenId');
    assert.equal((await call(h, 'DELETE', '/v1/tokens/nope', { token: TOKENS.admin })).status, 404);
  });
});
