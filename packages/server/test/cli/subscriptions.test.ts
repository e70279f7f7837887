import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { TestReceiver } from '../helpers/test-receiver.js';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { runCliInProcess, runCliProcess } from './support/run-cli.js';

describe('switchboard subscriptions', () => {
  let server: CliServer;
  let receiver: TestReceiver;
  let id = '';

  before(async () => {
    server = await startCliServer();
    receiver = await TestReceiver.start({ verificationToken: 'vt-subs' });
  });

  after(async () => {
    await server.stop();
    await receiver.close();
  });

  test('create: handshake, then the id and the signing secret, shown once', async () => {
    const result = await runCliProcess(
      [
        'subscriptions',
        'create',
        '--address',
        receiver.url,
        '--filter',
        '/restapi/v1.0/account/~/extension/~/presence',
        '--verification-token',
        'vt-subs',
      ],
      { env: server.env },
    );
    assert.equal(result.code, 0, result.stderr);
    id = /Created subscription ([0-9a-f-]{36})/.exec(result.stdout)?.[1] ?? '';
    assert.ok(id, result.stdout);
    assert.match(result.stdout, /status\s+Active/);
    assert.match(result.stdout, /event filters\s+\/restapi\/v1\.0\/account\/1001\/extension\/2001\/presence/);
    assert.match(result.stdout, /Signing secret \(shown only now\): whsec_\S+/);
    assert.equal(receiver.handshakes, 1);
  });

  test('list: a table by default, the API answer with --json', async () => {
    const table = await runCliProcess(['subscriptions', 'list'], { env: server.env });
    assert.equal(table.code, 0, table.stderr);
    const [header, row] = table.stdout.trim().split('\n');
    assert.match(header ?? '', /^ID +STATUS +EXPIRES IN +PEND\/OK\/FAILED +ADDRESS +EVENT FILTERS$/);
    assert.match(
      row ?? '',
      new RegExp(
        `^${id}  Active +6d 23h +0/0/0 +${receiver.url} +/restapi/v1.0/account/1001/extension/2001/presence$`,
      ),
    );

    const json = await runCliInProcess(['subscriptions', 'list', '--json', '--status', 'Active'], server.env);
    assert.deepEqual(
      JSON.parse(json.stdout).records.map((s: { id: string }) => s.id),
      [id],
    );
  });

  test('get, update, renew', async () => {
    const got = await runCliProcess(['subscriptions', 'get', id, '--json'], { env: server.env });
    assert.equal(got.code, 0, got.stderr);
    const info = JSON.parse(got.stdout);
    assert.equal(info.id, id);
    assert.equal(info.accountId, '1001');
    assert.deepEqual(info.deliveries, { pending: 0, delivered: 0, dead: 0, expired: 0 });

    const updated = await runCliProcess(
      [
        'subscriptions',
        'update',
        id,
        '--filter',
        '/restapi/v1.0/account/~/extension/~/message-store',
        '--expires-in',
        '600',
      ],
      { env: server.env },
    );
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(updated.stdout, new RegExp(`Updated subscription ${id}`));
    assert.match(
      updated.stdout,
      /event filters\s+\/restapi\/v1\.0\/account\/1001\/extension\/2001\/message-store/,
    );
    assert.match(updated.stdout, /expires .*\(in (9m \d+s|10m)\)/);

    const renewed = await runCliProcess(['subscriptions', 'renew', id], { env: server.env });
    assert.equal(renewed.code, 0, renewed.stderr);
    assert.match(renewed.stdout, new RegExp(`Renewed subscription ${id}: Active, expires in (9m \\d+s|10m)`));
  });

  test('delete; afterwards get is a server error: errorCode, message, exit 1', async () => {
    const deleted = await runCliProcess(['subscriptions', 'delete', id], { env: server.env });
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout, `Deleted subscription ${id}\n`);

    const missing = await runCliProcess(['subscriptions', 'get', id], { env: server.env });
    assert.equal(missing.code, 1);
    assert.equal(missing.stdout, '');
    assert.match(
      missing.stderr,
      /^Error: CMN-102 Resource for parameter \[subscriptionId\] is not found \(HTTP 404\)\n/,
    );

    const json = await runCliInProcess(['subscriptions', 'get', id, '--json'], server.env);
    assert.equal(json.code, 1);
    assert.equal(JSON.parse(json.stderr).error.errorCode, 'CMN-102');
  });

  test('a failed handshake is the server error SUB-521; a missing --address a usage error', async () => {
    receiver.handshake = 'refuse';
    try {
      const refused = await runCliInProcess(
        [
          'subscriptions',
          'create',
          '--address',
          receiver.url,
          '--filter',
          '/restapi/v1.0/account/~/extension/~',
        ],
        server.env,
      );
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /Error: SUB-521 WebHook is not reachable/);
    } finally {
      receiver.handshake = 'echo';
    }
    const usage = await runCliInProcess(
      ['subscriptions', 'create', '--filter', '/restapi/v1.0/glip/posts'],
      server.env,
    );
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--address is required/);
    const nothing = await runCliInProcess(['subscriptions', 'update', 'some-id'], server.env);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /nothing to update/);
  });

  test('a receiver that answers the handshake 401 is said to have refused, not to be unreachable', async () => {
    const refusing = createServer((_req, res) => res.writeHead(401).end());
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const address = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/webhook`;
      const result = await runCliInProcess(
        ['subscriptions', 'create', '--address', address, '--filter', '/restapi/v1.0/glip/posts'],
        server.env,
      );
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /SUB-521 .*status 401: the receiver answered and refused the validation request/,
      );
      assert.match(result.stderr, /The receiver is running: it answered 401 to the validation request/);
      assert.doesNotMatch(result.stderr, /is the receiver running and reachable/);
    } finally {
      refusing.close();
    }
  });

  test('rotate-secret: a new signing secret, shown once, the old one still valid for a while', async () => {
    const created = await runCliInProcess(
      [
        'subscriptions',
        'create',
        '--address',
        receiver.url,
        '--filter',
        '/restapi/v1.0/glip/posts',
        '--verification-token',
        'vt-subs',
        '--json',
      ],
      server.env,
    );
    assert.equal(created.code, 0, created.stderr);
    const subscription = JSON.parse(created.stdout);
    const rotated = await runCliInProcess(
      ['subscriptions', 'rotate-secret', subscription.id, '--json'],
      server.env,
    );
    assert.equal(rotated.code, 0, rotated.stderr);
    const answer = JSON.parse(rotated.stdout);
    assert.match(answer.signingSecret, /^whsec_/);
    assert.notEqual(answer.signingSecret, subscription.deliveryMode.signingSecret);
    assert.ok(Date.parse(answer.previousSecretValidUntil) > Date.now());
    const text = await runCliInProcess(['subscriptions', 'rotate-secret', subscription.id], server.env);
    assert.match(text.stdout, /signing secret\s+whsec_\S+/);
    const unknown = await runCliInProcess(['subscriptions', 'rotate-secret', 'no-such-id'], server.env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /CMN-102/);
  });
});
