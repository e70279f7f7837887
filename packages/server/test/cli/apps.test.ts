import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SDK } from '@ringcentral/sdk';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { runCliInProcess } from './support/run-cli.js';

function envValues(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('switchboard apps, credentials and env', () => {
  let server: CliServer;
  before(async () => {
    server = await startCliServer();
  });
  after(async () => {
    await server.stop();
  });

  test('env prints the development app made on first start; the SDK logs in with exactly that', async () => {
    const result = await runCliInProcess(['env'], server.env);
    assert.equal(result.code, 0, result.stderr);
    const env = envValues(result.stdout);
    assert.deepEqual(Object.keys(env), ['RC_SERVER_URL', 'RC_CLIENT_ID', 'RC_CLIENT_SECRET', 'RC_JWT']);
    assert.equal(env.RC_SERVER_URL, server.env.SWITCHBOARD_URL);
    assert.equal(statSync(join(server.dataDir, 'ringcentral.env')).mode & 0o777, 0o600);

    const platform = new SDK({
      server: env.RC_SERVER_URL,
      clientId: env.RC_CLIENT_ID,
      clientSecret: env.RC_CLIENT_SECRET,
    }).platform();
    await platform.login({ jwt: env.RC_JWT });
    const me = (await (await platform.get('/restapi/v1.0/account/~/extension/~')).json()) as { id: number };
    assert.equal(me.id, 2001);
  });

  test('apps create shows the secret once; list never shows it; delete removes the app', async () => {
    const created = await runCliInProcess(['apps', 'create', '--name', 'my bot', '--json'], server.env);
    assert.equal(created.code, 0, created.stderr);
    const app = JSON.parse(created.stdout);
    assert.ok(app.clientSecret);
    const list = await runCliInProcess(['apps', 'list'], server.env);
    assert.match(list.stdout, /^CLIENT ID +NAME +GRANTS +CREATED\n/);
    assert.match(list.stdout, new RegExp(`${app.clientId} +my bot `));
    assert.ok(!list.stdout.includes(app.clientSecret));
    const deleted = await runCliInProcess(['apps', 'delete', app.clientId], server.env);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.doesNotMatch(
      (await runCliInProcess(['apps', 'list'], server.env)).stdout,
      new RegExp(app.clientId),
    );
  });

  test('credentials create --extension issues a JWT that logs in as that extension', async () => {
    const created = await runCliInProcess(
      ['credentials', 'create', '--extension', '2002', '--json'],
      server.env,
    );
    assert.equal(created.code, 0, created.stderr);
    const { jwt, extensionId } = JSON.parse(created.stdout);
    assert.equal(extensionId, '2002');
    const fresh = envValues((await runCliInProcess(['env', '--new'], server.env)).stdout);
    const platform = new SDK({
      server: fresh.RC_SERVER_URL,
      clientId: fresh.RC_CLIENT_ID,
      clientSecret: fresh.RC_CLIENT_SECRET,
    }).platform();
    const login = (await (await platform.login({ jwt })).json()) as { owner_id: string };
    assert.equal(login.owner_id, '2002');
  });
});
