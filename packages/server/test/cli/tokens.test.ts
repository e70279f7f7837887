import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { runCliInProcess, runCliProcess } from './support/run-cli.js';

describe('switchboard tokens', () => {
  let server: CliServer;
  let publisher = { id: '', token: '' };

  before(async () => {
    server = await startCliServer();
  });

  after(async () => {
    await server.stop();
  });

  test('create: the secret shown once', async () => {
    const result = await runCliProcess(
      ['tokens', 'create', '--role', 'publisher', '--name', 'billing', '--account', '3001'],
      {
        env: server.env,
      },
    );
    assert.equal(result.code, 0, result.stderr);
    const id = /Created publisher token ([0-9a-f-]{36})/.exec(result.stdout)?.[1] ?? '';
    const token = /token\s+(sbt_\S+)/.exec(result.stdout)?.[1] ?? '';
    assert.ok(id && token, result.stdout);
    assert.match(result.stdout, /owner\s+account 3001\n/);
    assert.match(result.stdout, /shown only now/);
    publisher = { id, token };
  });

  test('create --role account-admin: the role that may subscribe account-wide (docs/reliability.md, finding 6)', async () => {
    const result = await runCliProcess(
      [
        'tokens',
        'create',
        '--role',
        'account-admin',
        '--name',
        'supervisor',
        '--account',
        '1001',
        '--extension',
        '2009',
      ],
      { env: server.env },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Created account-admin token [0-9a-f-]{36}/);
  });

  test('list: every token, never a secret', async () => {
    const result = await runCliProcess(['tokens', 'list'], { env: server.env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^ID +ROLE +NAME +ACCOUNT +EXTENSION +CREATED +STATUS\n/);
    assert.match(result.stdout, / admin +bootstrap admin +1001 +2001 +.* active\n/);
    assert.match(result.stdout, new RegExp(`${publisher.id} +publisher +billing +3001 +- +.* active\\n`));
    assert.doesNotMatch(result.stdout, /sbt_/);
  });

  test('a publisher token triggers for its account, which it must name', async () => {
    const env = { SWITCHBOARD_URL: server.url, SWITCHBOARD_TOKEN: publisher.token };
    const unnamed = await runCliInProcess(['trigger', 'presence'], env);
    assert.equal(unnamed.code, 2);
    assert.match(unnamed.stderr, /cannot tell its account and extension/);
    assert.match(unnamed.stderr, /Pass --account and --extension/);
    const named = await runCliInProcess(
      ['trigger', 'presence', '--account', '3001', '--extension', '4001', '--json'],
      env,
    );
    assert.equal(named.code, 0, named.stderr);
    assert.equal(
      JSON.parse(named.stdout).events[0].event,
      '/restapi/v1.0/account/3001/extension/4001/presence',
    );
    const foreign = await runCliInProcess(
      ['trigger', 'presence', '--account', '1001', '--extension', '2001'],
      env,
    );
    assert.equal(foreign.code, 1);
    assert.match(foreign.stderr, /SWB-108 Publishing for account \[1001\] is not allowed with this token/);
    const role = await runCliInProcess(['tokens', 'list'], env);
    assert.equal(role.code, 1);
    assert.match(role.stderr, /SWB-103/);
  });

  test('revoke: the token stops working at once', async () => {
    const result = await runCliProcess(['tokens', 'revoke', publisher.id], { env: server.env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `Revoked token ${publisher.id}\n`);
    const revoked = await runCliInProcess(
      ['trigger', 'presence', '--account', '3001', '--extension', '4001'],
      {
        SWITCHBOARD_URL: server.url,
        SWITCHBOARD_TOKEN: publisher.token,
      },
    );
    assert.equal(revoked.code, 1);
    assert.match(
      revoked.stderr,
      /Error: SWB-102 The access token is invalid or has been revoked \(HTTP 401\)/,
    );
  });
});
