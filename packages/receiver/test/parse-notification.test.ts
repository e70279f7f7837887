// The lenient parser against RingCentral's published samples (ringcentral-protocol.md §5.3, §5.4)
// and the strict envelope checks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isEvent } from '../src/event-kind.js';
import { normaliseNotification } from '../src/normalise-notification.js';
import { normaliseTimestamp } from '../src/normalise-timestamp.js';
import { parseNotification } from '../src/parse-notification.js';
import { WebhookVerificationError } from '../src/webhook-verification-error.js';
import * as samples from './support/ringcentral-samples.js';

describe('RingCentral samples (§5.4)', () => {
  test('(a) detailed presence: typed body with active calls', () => {
    const notification = parseNotification(samples.detailedPresence);
    assert.ok(isEvent(notification, 'presence'));
    assert.equal(notification.uuid, '045b81dc-9f73-4864-84de-08aa6324a7f5');
    assert.equal(notification.timestamp, '2016-02-18T09:37:24.597Z');
    assert.equal(notification.ownerId, '6610372004');
    assert.equal(notification.body.telephonyStatus, 'CallConnected');
    assert.equal(
      notification.body.activeCalls?.[0]?.telephonySessionId,
      'Y3MxNjk4ODA5MTYxMzUyOTU5OUAxMC4zMi40NS44NA',
    );
    assert.equal(notification.body.totalActiveCalls, 1);
  });

  test('(b) message store: numeric ids become strings, decimal-string uuid kept', () => {
    const notification = parseNotification(new TextEncoder().encode(samples.messageStore));
    assert.ok(isEvent(notification, 'message-store'));
    assert.equal(notification.uuid, '2661273919712564939');
    assert.equal(notification.body.accountId, '233676004');
    assert.equal(notification.body.extensionId, '233676004');
    assert.deepEqual(notification.body.changes[0]?.newMessageIds, ['12756735005', '12756737005']);
    assert.equal(notification.body.changes[0]?.type, 'Pager');
  });

  test('(c) instant message', () => {
    const notification = parseNotification(samples.instantMessage);
    assert.ok(isEvent(notification, 'instant-message'));
    assert.equal(notification.body.from.phoneNumber, '+14157809227');
    assert.equal(notification.body.messageStatus, 'Received');
    assert.equal(notification.body.attachments?.[0]?.contentType, 'text/plain');
  });

  test('(d) telephony session', () => {
    const notification = parseNotification(samples.telephonySession);
    assert.ok(isEvent(notification, 'telephony-session'));
    assert.equal(notification.uuid, '1823485288313944239');
    assert.equal(notification.body.parties[0]?.status.code, 'Setup');
    assert.equal(notification.body.parties[0]?.to?.extensionId, '809646016');
    assert.equal(notification.body.origin.type, 'Call');
  });

  test('(e) extension info change', () => {
    const notification = parseNotification(samples.extensionInfo);
    assert.ok(isEvent(notification, 'extension'));
    assert.equal(notification.body.eventType, 'Update');
    assert.deepEqual(notification.body.hints, ['ExtensionInfo', 'CompanyNumbers']);
  });

  test('(f) renewal reminder', () => {
    const notification = parseNotification(samples.subscriptionReminder);
    assert.ok(isEvent(notification, 'subscription-reminder'));
    assert.equal(notification.body.expiresIn, 86371);
  });

  test('(g) team messaging: rewritten event, no ownerId, +0000 timestamp', () => {
    const notification = parseNotification(samples.teamMessagingGroupJoined);
    assert.ok(isEvent(notification, 'team-messaging-group'));
    assert.equal(notification.timestamp, '2017-03-21T17:09:00.408Z');
    assert.equal('ownerId' in notification, false);
    assert.equal(notification.body.eventType, 'GroupJoined');
    assert.deepEqual(notification.body.members, ['123456789', 'chatbot-01']);
  });
});

describe('lenient envelope parsing', () => {
  const envelope = {
    uuid: 123456789,
    event: '/restapi/v1.0/account/1/extension/2/message-store',
    timestamp: '2014-04-29T14:29:27.408+0000',
    subscriptionId: 42,
    ownerId: 2,
    body: { accountId: 1, extensionId: 2, lastUpdated: '2014-04-29T14:29:27.408Z', changes: [] },
    unexpected: 'dropped',
  };

  test('numeric envelope ids become strings; unknown fields are dropped', () => {
    assert.deepEqual(normaliseNotification(structuredClone(envelope)), {
      uuid: '123456789',
      event: envelope.event,
      timestamp: '2014-04-29T14:29:27.408Z',
      subscriptionId: '42',
      ownerId: '2',
      body: { accountId: '1', extensionId: '2', lastUpdated: '2014-04-29T14:29:27.408Z', changes: [] },
    });
  });

  test('a null ownerId is treated as absent', () => {
    assert.equal('ownerId' in normaliseNotification({ ...structuredClone(envelope), ownerId: null }), false);
  });

  test('bodies of unknown events pass through untouched', () => {
    const body = { accountId: 1, nested: { id: 2 } };
    const notification = normaliseNotification({
      ...structuredClone(envelope),
      event: '/restapi/v1.0/other',
      body,
    });
    assert.deepEqual(notification.body, { accountId: 1, nested: { id: 2 } });
  });

  test('numeric ids inside the other typed bodies become strings', () => {
    const parse = (event: string, body: object) =>
      normaliseNotification({ ...structuredClone(envelope), event, body }).body as Record<string, unknown>;
    assert.deepEqual(
      parse('/restapi/v1.0/account/~/extension/~/presence', {
        extensionId: 5,
        activeCalls: [{ id: 6, sessionId: 7 }],
      }),
      { extensionId: '5', activeCalls: [{ id: '6', sessionId: '7' }] },
    );
    assert.deepEqual(
      parse('/restapi/v1.0/account/~/extension', {
        extensions: [{ extensionId: 8, eventType: 'Create' }, 'odd'],
      }),
      { extensions: [{ extensionId: '8', eventType: 'Create' }, 'odd'] },
    );
    assert.deepEqual(parse('/restapi/v1.0/glip/posts', { id: 9, groupId: 10, addedPersonIds: [11, 'x'] }), {
      id: '9',
      groupId: '10',
      addedPersonIds: ['11', 'x'],
    });
    assert.deepEqual(
      parse('/restapi/v1.0/account/~/telephony/sessions', { sessionId: 12, parties: [{ accountId: 13 }] }),
      {
        sessionId: '12',
        parties: [{ accountId: '13' }],
      },
    );
  });
});

describe('strict envelope validation', () => {
  const valid = JSON.parse(samples.extensionInfo) as Record<string, unknown>;
  const cases: Array<[string, unknown]> = [
    ['not an object', [1, 2]],
    ['no uuid', { ...valid, uuid: undefined }],
    ['empty uuid', { ...valid, uuid: '' }],
    ['uuid of the wrong type', { ...valid, uuid: true }],
    ['no event', { ...valid, event: undefined }],
    ['no timestamp', { ...valid, timestamp: undefined }],
    ['timestamp not a date', { ...valid, timestamp: 'yesterday' }],
    ['no subscriptionId', { ...valid, subscriptionId: undefined }],
    ['ownerId of the wrong type', { ...valid, ownerId: { id: 1 } }],
    ['no body', { ...valid, body: undefined }],
    ['body not an object', { ...valid, body: 'text' }],
  ];
  for (const [name, value] of cases) {
    test(`${name} → invalid_envelope (400)`, () => {
      assert.throws(
        () => normaliseNotification(value),
        (error) =>
          error instanceof WebhookVerificationError &&
          error.code === 'invalid_envelope' &&
          error.status === 400,
      );
    });
  }

  test('invalid JSON and invalid UTF-8 → invalid_json (400)', () => {
    for (const input of ['{"uuid":', new Uint8Array([0x7b, 0xff, 0x7d])]) {
      assert.throws(
        () => parseNotification(input),
        (error) =>
          error instanceof WebhookVerificationError && error.code === 'invalid_json' && error.status === 400,
      );
    }
  });
});

describe('normaliseTimestamp', () => {
  const cases: Array<[string, string | undefined]> = [
    ['2018-06-05T00:14:50.181Z', '2018-06-05T00:14:50.181Z'],
    ['2014-04-29T14:29:27.408+0000', '2014-04-29T14:29:27.408Z'],
    ['2014-04-29T16:29:27.408+02:00', '2014-04-29T14:29:27.408Z'],
    ['2014-04-29T09:29:27-0500', '2014-04-29T14:29:27.000Z'],
    ['2014-04-29T14:29:27.408123z', '2014-04-29T14:29:27.408Z'],
    ['2014-04-29T14:29:27', '2014-04-29T14:29:27.000Z'],
    ['2014-13-29T14:29:27Z', undefined],
    ['29/04/2014', undefined],
  ];
  for (const [input, expected] of cases) {
    test(`${input} → ${expected}`, () => assert.equal(normaliseTimestamp(input), expected));
  }
});
