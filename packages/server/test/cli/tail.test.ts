import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestReceiver } from '../helpers/test-receiver.js';
import { eventually, subscribe } from './support/api.js';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { runCliInProcess } from './support/run-cli.js';

describe('switchboard tail', () => {
  let server: CliServer;
  let receiver: TestReceiver;
  let subscriptionId = '';

  before(async () => {
    server = await startCliServer({ retryScheduleMs: [50] });
    receiver = await TestReceiver.start();
    subscriptionId = await subscribe(server, receiver.url, ['/restapi/v1.0/account/~/extension/~/presence']);
  });
  after(async () => {
    await server.stop();
    await receiver.close();
  });

  /** Starts `tail`, waits until the server counts its connection, then triggers one event. */
  async function tailWhileTriggering(args: string[]) {
    const tail = runCliInProcess(['tail', ...args], server.env);
    await eventually(async () => server.app.api.streamHub.clientCount === 1, 'tail to connect');
    const triggered = await runCliInProcess(['trigger', 'presence'], server.env);
    assert.equal(triggered.code, 0, triggered.stderr);
    return tail;
  }

  test('--json prints each attempt as it happens, one JSON object a line', async () => {
    receiver.respond = (_n, i) => ({ status: i === 0 ? 503 : 200 });
    const result = await tailWhileTriggering(['--json', '--count', '2']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => [l.type, l.subscriptionId, l.attempt.attemptNo, l.attempt.status]),
      [
        ['delivery.attempted', subscriptionId, 1, 503],
        ['delivery.attempted', subscriptionId, 2, 200],
      ],
    );
    assert.match(lines[0].id, /^\w+-\d+$/);
  });

  test('prints a readable line per event, only for the subscription asked for', async () => {
    receiver.respond = () => ({ status: 200 });
    const result = await tailWhileTriggering(['--subscription', subscriptionId, '--count', '1']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      new RegExp(`^\\S+  200  delivery \\S+  #1 \\d+ ms  sub ${subscriptionId}\\n$`),
    );
    assert.match(result.stderr, /Tailing http:\/\/127\.0\.0\.1:\d+ \(Ctrl-C to stop\)/);
  });

  test('a bad token is an error naming its code', async () => {
    const result = await runCliInProcess(['tail', '--token', 'sbt_nope'], server.env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /SWB-102/);
  });
});
