import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { TestReceiver } from '../helpers/test-receiver.js';
import { subscribe } from './support/api.js';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { runCliInProcess } from './support/run-cli.js';

describe('switchboard events list', () => {
  let server: CliServer;
  let receiver: TestReceiver;

  before(async () => {
    server = await startCliServer();
    receiver = await TestReceiver.start();
  });

  after(async () => {
    await server.stop();
    await receiver.close();
  });

  test('lists the events that reached your subscriptions, newest first, with filters', async () => {
    const subscriptionId = await subscribe(server, receiver.url, [
      '/restapi/v1.0/account/~/extension/~/presence',
      '/restapi/v1.0/glip/posts',
    ]);
    const published: string[] = [];
    for (const kind of ['presence', 'team-messaging-post', 'presence']) {
      const result = await runCliInProcess(['trigger', kind, '--json'], server.env);
      assert.equal(result.code, 0, result.stderr);
      published.push(JSON.parse(result.stdout).events[0].id);
    }
    const all = await runCliInProcess(['events', 'list', '--json'], server.env);
    assert.equal(all.code, 0, all.stderr);
    const records = JSON.parse(all.stdout).records;
    assert.deepEqual(
      records.map((e: { id: string }) => e.id),
      [...published].reverse(),
    );
    assert.equal(records[0].matched, 1);
    assert.equal(records[1].event, '/restapi/v1.0/glip/posts');

    const posts = await runCliInProcess(
      ['events', 'list', '--event-path', '/restapi/v1.0/glip', '--subscription', subscriptionId, '--json'],
      server.env,
    );
    assert.deepEqual(
      JSON.parse(posts.stdout).records.map((e: { id: string }) => e.id),
      [published[1]],
    );
    const one = await runCliInProcess(['events', 'list', '--limit', '1'], server.env);
    assert.match(one.stdout, /^ID +PUBLISHED +MATCHED +EVENT\n/);
    assert.equal(one.stdout.trim().split('\n').length, 2);
    assert.match(
      one.stdout,
      new RegExp(
        `${published[2]} +\\d{4}-\\d\\d-\\d\\d \\S+Z +1 +/restapi/v1\\.0/account/1001/extension/2001/presence`,
      ),
    );
    const bad = await runCliInProcess(['events', 'list', '--since', 'yesterday'], server.env);
    assert.equal(bad.code, 2);
  });

  test('uses the server-wide search GET /v1/events where the server has it', async () => {
    const asked: string[] = [];
    const search = createServer((req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          records: [
            {
              id: 'e-1',
              event: '/restapi/v1.0/glip/posts',
              publisherId: null,
              createdAt: '2026-12-01T08:00:00.000Z',
              matched: 0,
            },
          ],
          navigation: {},
        }),
      );
    });
    await new Promise<void>((resolve) => search.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(search.address() as AddressInfo).port}`;
      const result = await runCliInProcess(
        [
          'events',
          'list',
          '--server',
          url,
          '--token',
          'x',
          '--event-path',
          '/restapi/v1.0/glip',
          '--limit',
          '5',
          '--json',
        ],
        {},
      );
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(asked, ['/v1/events?perPage=5&eventPath=%2Frestapi%2Fv1.0%2Fglip']);
      assert.equal(
        JSON.parse(result.stdout).records[0].matched,
        0,
        'events that matched nothing are listed too',
      );
    } finally {
      search.close();
    }
  });
});
