import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestReceiver } from '../helpers/test-receiver.js';
import { api, eventually, subscribe } from './support/api.js';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { runCliInProcess, runCliProcess } from './support/run-cli.js';

/** A receiver that fails until told otherwise, and a retry schedule of one quick retry. */
describe('switchboard deliveries', () => {
  let server: CliServer;
  let receiver: TestReceiver;
  let subscriptionId = '';
  let deliveryId = '';

  before(async () => {
    server = await startCliServer({ retryScheduleMs: [100] });
    receiver = await TestReceiver.start();
    receiver.respond = () => ({ status: 500 });
    subscriptionId = await subscribe(server, receiver.url, ['/restapi/v1.0/account/~/extension/~/presence']);
  });

  after(async () => {
    await server.stop();
    await receiver.close();
  });

  async function deadDelivery(): Promise<string> {
    const triggered = await runCliInProcess(['trigger', 'presence', '--json'], server.env);
    assert.equal(triggered.code, 0, triggered.stderr);
    const eventId = JSON.parse(triggered.stdout).events[0].id;
    let id = '';
    await eventually(async () => {
      const event = await api(server, 'GET', `/v1/events/${eventId}`);
      id = event.deliveries[0]?.id ?? '';
      return event.deliveries[0]?.state === 'dead';
    }, 'the delivery to die after its retry');
    return id;
  }

  test('list: the newest deliveries of all subscriptions, with state, attempts and last status', async () => {
    deliveryId = await deadDelivery();
    const result = await runCliProcess(['deliveries', 'list'], { env: server.env });
    assert.equal(result.code, 0, result.stderr);
    const [header, row] = result.stdout.trim().split('\n');
    assert.match(header ?? '', /^ID +STATE +ATTEMPTS +LAST +CREATED +SUBSCRIPTION +EVENT$/);
    assert.match(
      row ?? '',
      new RegExp(
        `^${deliveryId} +dead +2 +500 +\\S+ \\S+ +${subscriptionId} +/restapi/v1.0/account/1001/extension/2001/presence$`,
      ),
    );
    const json = await runCliInProcess(
      ['deliveries', 'list', '--subscription', subscriptionId, '--state', 'delivered', '--json'],
      server.env,
    );
    assert.deepEqual(JSON.parse(json.stdout), { records: [] });
  });

  test('get: the delivery and every attempt', async () => {
    const result = await runCliProcess(['deliveries', 'get', deliveryId], { env: server.env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^id +${deliveryId}\nstate +dead\n`));
    assert.match(result.stdout, /attempts +2, last: 500/);
    const attempts = result.stdout.split('\n').filter((l) => / 500 +\d+ ms/.test(l));
    assert.equal(attempts.length, 2);
  });

  test('redeliver: queued again with the same uuid, and delivered', async () => {
    receiver.respond = () => ({ status: 200 });
    const before = receiver.received.length;
    const result = await runCliProcess(['deliveries', 'redeliver', deliveryId], { env: server.env });
    assert.equal(result.code, 0, result.stderr);
    const uuid = /Queued delivery \S+ again \(uuid (\S+)\)/.exec(result.stdout)?.[1];
    assert.ok(uuid, result.stdout);
    await eventually(async () => receiver.received.length > before, 'the redelivery');
    assert.equal(receiver.received.at(-1)?.notification.uuid, uuid);
  });

  test('recover: every dead delivery since a time, queued again', async () => {
    receiver.respond = () => ({ status: 500 });
    await deadDelivery();
    receiver.respond = () => ({ status: 200 });
    const result = await runCliProcess(['deliveries', 'recover', subscriptionId, '--since', '1h'], {
      env: server.env,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      new RegExp(
        `^Requeued 1 dead or expired delivery of subscription ${subscriptionId} since \\d{4}-\\d\\d-\\d\\dT`,
      ),
    );
    await eventually(async () => {
      const list = await api(server, 'GET', `/v1/subscriptions/${subscriptionId}/deliveries?state=dead`);
      return list.records.length === 0;
    }, 'no dead deliveries left');

    const bad = await runCliInProcess(
      ['deliveries', 'recover', subscriptionId, '--since', 'yesterday'],
      server.env,
    );
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--since "yesterday" is neither an ISO-8601 time nor an age like 2h/);
  });
});
