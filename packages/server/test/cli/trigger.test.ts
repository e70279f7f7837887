import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isEvent, type Notification } from '@switchboard/receiver';
import { DEFAULT_LISTEN_FILTERS } from '../../src/cli/listen/default-filters.js';
import { ProgressBar } from '../../src/cli/trigger/progress-bar.js';
import { TestReceiver } from '../helpers/test-receiver.js';
import { waitFor } from '../helpers/wait-for.js';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { runCliInProcess, runCliProcess } from './support/run-cli.js';

/**
 * `switchboard trigger`: every kind is published, delivered to a real receiver built from the
 * receiver package, parsed by `receive()` and checked with `isEvent()` and its typed fields.
 */
describe('switchboard trigger', () => {
  let server: CliServer;
  let receiver: TestReceiver;

  before(async () => {
    server = await startCliServer();
    receiver = await TestReceiver.start({ verificationToken: 'trigger-test' });
    const res = await fetch(`${server.url}/restapi/v1.0/subscription`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        eventFilters: DEFAULT_LISTEN_FILTERS,
        deliveryMode: { transportType: 'WebHook', address: receiver.url, verificationToken: 'trigger-test' },
      }),
    });
    assert.equal(res.status, 200, await res.text());
  });

  after(async () => {
    await server.stop();
    await receiver.close();
  });

  /** Triggers `args` in process, waits for its notifications, returns them and the JSON answer. */
  async function trigger(args: string[], expected: number) {
    const start = receiver.received.length;
    const result = await runCliInProcess(['trigger', ...args, '--json'], server.env);
    assert.equal(result.code, 0, result.stderr);
    const answer = JSON.parse(result.stdout);
    assert.equal(answer.published, expected);
    assert.equal(answer.matched, expected, 'every event reaches the subscription');
    await waitFor(
      () => receiver.received.length >= start + expected,
      `${expected} notifications of ${args[0]}`,
    );
    const notifications = receiver.received.slice(start).map((r) => r.notification);
    return { answer, notifications };
  }

  function only(notifications: Notification[]): Notification {
    assert.equal(notifications.length, 1);
    return notifications[0] as Notification;
  }

  test('presence: simple presence, no activeCalls', async () => {
    const { answer, notifications } = await trigger(['presence'], 1);
    assert.equal(answer.accountId, '1001');
    assert.equal(answer.extensionId, '2001');
    assert.match(answer.events[0].id, /^[0-9a-f-]{36}$/);
    const n = only(notifications);
    assert.ok(isEvent(n, 'presence'));
    assert.equal(n.body.extensionId, '2001');
    assert.equal(n.body.presenceStatus, 'Available');
    assert.equal(n.body.telephonyStatus, 'NoCall');
    assert.equal(n.body.activeCalls, undefined);
    assert.equal(typeof n.body.sequence, 'number');
    assert.equal(n.event, '/restapi/v1.0/account/1001/extension/2001/presence?detailedTelephonyState=true');
  });

  test('presence-detailed: Busy on a call, with activeCalls', async () => {
    const { notifications } = await trigger(['presence-detailed', '--from', '+14155550199'], 1);
    const n = only(notifications);
    assert.ok(isEvent(n, 'presence'));
    assert.equal(n.body.presenceStatus, 'Busy');
    assert.equal(n.body.telephonyStatus, 'CallConnected');
    assert.equal(n.body.totalActiveCalls, 1);
    const call = n.body.activeCalls?.[0];
    assert.ok(call);
    assert.equal(call.direction, 'Inbound');
    assert.equal(call.from, '+14155550199');
    assert.equal(call.to, '+16505550100');
    assert.match(call.telephonySessionId ?? '', /^s-[0-9a-f]{32}$/);
  });

  test('message-store: one new SMS; numeric ids become strings in the receiver', async () => {
    const { notifications } = await trigger(['message-store'], 1);
    const n = only(notifications);
    assert.ok(isEvent(n, 'message-store'));
    assert.equal(n.body.accountId, '1001');
    assert.equal(n.body.extensionId, '2001');
    const change = n.body.changes[0];
    assert.equal(change?.type, 'SMS');
    assert.equal(change?.newCount, 1);
    assert.match(change?.newMessageIds?.[0] ?? '', /^\d{11}$/);
    assert.equal(n.event, '/restapi/v1.0/account/1001/extension/2001/message-store');
  });

  test('sms-inbound: a received instant message', async () => {
    const { notifications } = await trigger(
      ['sms-inbound', '--from', '+14155550123', '--text', 'Running late'],
      1,
    );
    const n = only(notifications);
    assert.ok(isEvent(n, 'instant-message'));
    assert.equal(n.event, '/restapi/v1.0/account/1001/extension/2001/message-store/instant?type=SMS');
    assert.equal(n.body.type, 'SMS');
    assert.equal(n.body.direction, 'Inbound');
    assert.equal(n.body.messageStatus, 'Received');
    assert.equal(n.body.readStatus, 'Unread');
    assert.equal(n.body.from.phoneNumber, '+14155550123');
    assert.equal(n.body.to[0]?.phoneNumber, '+16505550100');
    assert.equal(n.body.subject, 'Running late');
    assert.equal(n.body.attachments?.[0]?.size, Buffer.byteLength('Running late'));
  });

  test('sms-outbound: a sent instant message', async () => {
    const { notifications } = await trigger(['sms-outbound', '--to', '+14155550123'], 1);
    const n = only(notifications);
    assert.ok(isEvent(n, 'instant-message'));
    assert.equal(n.body.direction, 'Outbound');
    assert.equal(n.body.messageStatus, 'Sent');
    assert.equal(n.body.from.phoneNumber, '+16505550100');
    assert.equal(n.body.to[0]?.phoneNumber, '+14155550123');
  });

  test('telephony-session: one call, four notifications, rising sequence, one session id', async () => {
    const { notifications } = await trigger(['telephony-session', '--direction', 'outbound'], 4);
    const sessions = notifications.map((n) => {
      assert.ok(isEvent(n, 'telephony-session'));
      return n.body;
    });
    // Delivery order is not guaranteed (ringcentral-protocol.md §7.6): order by sequence, as receivers must.
    sessions.sort((a, b) => a.sequence - b.sequence);
    assert.deepEqual(
      sessions.map((b) => b.parties[0]?.status.code),
      ['Setup', 'Proceeding', 'Answered', 'Disconnected'],
    );
    assert.deepEqual(
      sessions.map((b) => b.sequence),
      [1, 2, 3, 4],
    );
    assert.equal(new Set(sessions.map((b) => b.telephonySessionId)).size, 1);
    assert.equal(new Set(sessions.map((b) => b.sessionId)).size, 1);
    const times = sessions.map((b) => Date.parse(b.eventTime));
    assert.deepEqual(
      [...times].sort((a, b) => a - b),
      times,
      'eventTime rises with sequence',
    );
    const party = sessions[0]?.parties[0];
    assert.equal(party?.direction, 'Outbound');
    assert.equal(party?.from?.phoneNumber, '+16505550100');
    assert.equal(party?.from?.extensionId, '2001');
    assert.equal(sessions[0]?.origin.type, 'Call');
  });

  test('extension-update and extension-delete', async () => {
    const update = only((await trigger(['extension-update'], 1)).notifications);
    assert.ok(isEvent(update, 'extension'));
    assert.equal(update.event, '/restapi/v1.0/account/1001/extension/2001');
    assert.equal(update.body.eventType, 'Update');
    assert.deepEqual(update.body.hints, ['ExtensionInfo', 'CompanyNumbers']);

    const deleted = only((await trigger(['extension-delete'], 1)).notifications);
    assert.ok(isEvent(deleted, 'extension'));
    assert.equal(deleted.body.eventType, 'Delete');
    assert.equal(deleted.body.hints, undefined);
  });

  test('team-messaging-post: a post added', async () => {
    const { notifications } = await trigger(['team-messaging-post', '--text', 'Deploy finished'], 1);
    const n = only(notifications);
    assert.ok(isEvent(n, 'team-messaging-post'));
    assert.equal(n.event, '/restapi/v1.0/glip/posts');
    assert.equal(n.body.eventType, 'PostAdded');
    assert.equal(n.body.type, 'TextMessage');
    assert.equal(n.body.text, 'Deploy finished');
    assert.equal(n.body.creatorId, '2001');
  });

  test('--count and --rate: many events, paced, each with its own ids and rising sequence', async () => {
    const { answer, notifications } = await trigger(['presence', '--count', '30', '--rate', '100'], 30);
    // 30 events at 100/s: the last is due 290 ms after the first.
    assert.ok(answer.durationMs >= 250, `paced: took ${answer.durationMs} ms`);
    assert.equal(new Set(answer.events.map((e: { id: string }) => e.id)).size, 30);
    const sequences = notifications
      .map((n) => (isEvent(n, 'presence') ? (n.body.sequence ?? -1) : -1))
      .sort((a, b) => a - b);
    const first = sequences[0] ?? 0;
    assert.deepEqual(
      sequences,
      Array.from({ length: 30 }, (_, i) => first + i),
    );
  });

  test('Ctrl-C stops a paced run between batches: a summary of what was published, exit 130', async () => {
    const stop = new AbortController();
    const running = runCliInProcess(
      ['trigger', 'extension-update', '--count', '10', '--rate', '5'],
      server.env,
      {
        signal: stop.signal,
        onStdout: (text) => {
          if ((text.match(/matched 1/g) ?? []).length >= 2) stop.abort();
        },
      },
    );
    const result = await running;
    assert.equal(result.code, 130);
    const published = Number(/Published (\d+) events?/.exec(result.stdout)?.[1]);
    assert.ok(published >= 2 && published < 10, result.stdout);
    assert.equal((result.stdout.match(/matched 1/g) ?? []).length, published);
  });

  test('the real binary prints the event ids and matched counts', async () => {
    const before = receiver.received.length;
    const result = await runCliProcess(['trigger', 'telephony-session'], { env: server.env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Triggering telephony-session for account 1001, extension 2001/);
    const lines = result.stdout.split('\n').filter((l) => /matched 1/.test(l));
    assert.equal(lines.length, 4);
    for (const [i, code] of ['Setup', 'Proceeding', 'Answered', 'Disconnected'].entries()) {
      assert.match(
        lines[i] ?? '',
        new RegExp(
          `^  [0-9a-f-]{36}  matched 1  ${code}\\s+/restapi/v1.0/account/1001/extension/2001/telephony/sessions\\?direction=Inbound&statusCode=${code}&missedCall=false$`,
        ),
      );
    }
    assert.match(result.stdout, /Published 4 events in \d+ ms: 4 deliveries/);
    await waitFor(() => receiver.received.length >= before + 4, 'the call to be delivered');
  });

  test('usage errors exit 2 and name the problem', async () => {
    const unknown = await runCliInProcess(['trigger', 'pager'], server.env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown kind "pager"/);
    assert.match(unknown.stderr, /telephony-session/);
    const number = await runCliInProcess(['trigger', 'sms-inbound', '--from', '555-0100'], server.env);
    assert.equal(number.code, 2);
    assert.match(number.stderr, /--from 555-0100 is not an E.164 number/);
    const direction = await runCliInProcess(
      ['trigger', 'sms-inbound', '--direction', 'Outbound'],
      server.env,
    );
    assert.equal(direction.code, 2);
    assert.match(direction.stderr, /sms-inbound is always Inbound: use sms-outbound/);
  });
});

test('the progress bar draws on a terminal only, in place', () => {
  const tty = {
    isTTY: true,
    text: '',
    write(s: string) {
      this.text += s;
    },
  };
  assert.equal(ProgressBar.wanted({ write: () => true }, 1000, undefined), false, 'never in a pipe');
  assert.equal(ProgressBar.wanted(tty, 10, undefined), false, 'not for a short run');
  assert.equal(ProgressBar.wanted(tty, 1000, undefined), true);
  assert.equal(ProgressBar.wanted(tty, 20, 5), true, 'a slow run of 4 s');
  const bar = new ProgressBar(tty, 100);
  bar.update(50, 50, true);
  assert.match(tty.text, /^\r█{12}░{12} 50\/100 events · \d+\/s · matched 50/);
  bar.clear();
  assert.ok(tty.text.endsWith('\r\u001b[K'));
});
