import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestReceiver } from '../helpers/test-receiver.js';
import { waitFor } from '../helpers/wait-for.js';
import { api, eventually, subscribe } from './support/api.js';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { runCliInProcess, runCliProcess } from './support/run-cli.js';

const PRESENCE = '/restapi/v1.0/account/1001/extension/2001/presence';

describe('switchboard events', () => {
  let server: CliServer;
  let receiver: TestReceiver;
  let presenceSub = '';
  let smsSub = '';
  let eventId = '';

  before(async () => {
    server = await startCliServer();
    receiver = await TestReceiver.start();
    presenceSub = await subscribe(server, receiver.url, ['/restapi/v1.0/account/~/extension/~/presence']);
    smsSub = await subscribe(server, receiver.url, [
      '/restapi/v1.0/account/~/extension/~/message-store?type=SMS',
    ]);
  });

  after(async () => {
    await server.stop();
    await receiver.close();
  });

  test('publish: the event id and how many subscriptions it matched', async () => {
    const result = await runCliProcess(
      ['events', 'publish', PRESENCE, '--body', '{"extensionId":"2001","presenceStatus":"Busy"}'],
      { env: server.env },
    );
    assert.equal(result.code, 0, result.stderr);
    eventId = /Published event ([0-9a-f-]{36}): matched 1 subscription\n/.exec(result.stdout)?.[1] ?? '';
    assert.ok(eventId, result.stdout);
    await waitFor(() => receiver.received.length === 1, 'the delivery');
    assert.deepEqual(receiver.received[0]?.notification.body, {
      extensionId: '2001',
      presenceStatus: 'Busy',
    });
  });

  test('publish from stdin with an idempotency id: the second time creates nothing', async () => {
    const args = [
      'events',
      'publish',
      `${PRESENCE}?detailedTelephonyState=true`,
      '--body-file',
      '-',
      '--id',
      'p-1',
      '--json',
    ];
    const first = await runCliInProcess(args, server.env, { stdin: '{"extensionId":"2001"}' });
    const second = await runCliInProcess(args, server.env, { stdin: '{"extensionId":"2001"}' });
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(second.stdout), JSON.parse(first.stdout));
  });

  test('publish: a bad body is a usage error; a `~` in the path the server refuses', async () => {
    const bad = await runCliInProcess(['events', 'publish', PRESENCE, '--body', '{oops'], server.env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /the body in --body is not valid JSON/);
    const none = await runCliInProcess(['events', 'publish', PRESENCE], server.env);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give the event body with --body/);
    const tilde = await runCliProcess(
      ['events', 'publish', '/restapi/v1.0/account/~/presence', '--body', '{}'],
      {
        env: server.env,
      },
    );
    assert.equal(tilde.code, 1);
    assert.match(
      tilde.stderr,
      /Error: CMN-101 Parameter \[event\] value is invalid: event path must name concrete ids/,
    );
  });

  test('get: the event, its body and its deliveries', async () => {
    let view = await api(server, 'GET', `/v1/events/${eventId}`);
    await eventually(async () => {
      view = await api(server, 'GET', `/v1/events/${eventId}`);
      return view.deliveries[0]?.state === 'delivered';
    }, 'the delivery to be recorded');
    const result = await runCliProcess(['events', 'get', eventId], { env: server.env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^id +${eventId}\nevent +${PRESENCE.replace(/\./g, '\\.')}\n`));
    assert.match(result.stdout, /matched +1\n/);
    assert.match(result.stdout, /"presenceStatus": "Busy"/);
    assert.match(
      result.stdout,
      new RegExp(
        `\n${view.deliveries[0].id} +delivered +1 +200 +[0-9-]+ [0-9:]+Z +${presenceSub} +${PRESENCE}\n`,
      ),
    );
  });

  test('explain: what matches now, and why one subscription does not', async () => {
    const yes = await runCliProcess(['events', 'explain', eventId, '--subscription', presenceSub], {
      env: server.env,
    });
    assert.equal(yes.code, 0, yes.stderr);
    assert.match(yes.stdout, /matched 1 when published; matches 1 subscription\(s\) now/);
    assert.match(
      yes.stdout,
      new RegExp(`✔ subscription ${presenceSub} matches, by filter ${PRESENCE.replace(/\./g, '\\.')}`),
    );

    const no = await runCliInProcess(['events', 'explain', eventId, '--subscription', smsSub], server.env);
    assert.equal(no.code, 0, no.stderr);
    assert.match(
      no.stdout,
      new RegExp(
        `✘ subscription ${smsSub} does not match\n  - .*message-store\\?type=SMS: path differs at segment 7: filter has 'message-store', event has 'presence'`,
      ),
    );
  });
});
