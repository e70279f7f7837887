// Routing on a normalised `event` (ringcentral-protocol.md §6.3): ids or `~`, query strings,
// team messaging's rewritten paths.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchesEventFilter, parseEventFilter } from '../src/event-filter.js';
import { type EventKind, eventKind, isEvent } from '../src/event-kind.js';
import { parseNotification } from '../src/parse-notification.js';
import { subscriptionReminder } from './support/ringcentral-samples.js';

describe('eventKind', () => {
  const cases: Array<[string, EventKind]> = [
    ['/restapi/v1.0/account/~/extension/~/presence', 'presence'],
    ['/restapi/v1.0/account/~/extension/6610372004/presence?detailedTelephonyState=true', 'presence'],
    ['/restapi/v1.0/account/1001/presence', 'presence'],
    ['/restapi/v1.0/account/233676004/extension/233676004/message-store', 'message-store'],
    ['/restapi/v1.0/account/~/extension/~/message-store?type=SMS&direction=Inbound', 'message-store'],
    ['/restapi/v1.0/account/~/extension/823476228762/message-store/instant?type=SMS', 'instant-message'],
    ['/restapi/v1.0/account/809646016/extension/809646016/telephony/sessions', 'telephony-session'],
    ['/restapi/v1.0/account/~/telephony/sessions?statusCode=Answered', 'telephony-session'],
    ['/restapi/v1.0/account/~/extension/8475874957', 'extension'],
    ['/restapi/v1.0/account/~/extension', 'extension-list'],
    ['/restapi/v1.0/account/~/extension/', 'extension-list'],
    ['/restapi/v1.0/subscription/~?threshold=86400&interval=3600', 'subscription-reminder'],
    ['/restapi/v1.0/glip/posts', 'team-messaging-post'],
    ['/restapi/v1.0/account/12345/extension/12345/glip/posts', 'team-messaging-post'],
    ['/team-messaging/v1/posts', 'team-messaging-post'],
    ['/restapi/v1.0/account/12345/extension/12345/glip/groups', 'team-messaging-group'],
    ['/team-messaging/v1/chats', 'team-messaging-group'],
    ['/restapi/v1.0/account/~/extension/~/presence/line', 'unknown'],
    ['/webinar/notifications/v1/sessions', 'unknown'],
  ];
  for (const [event, kind] of cases) {
    test(`${event} → ${kind}`, () => assert.equal(eventKind(event), kind));
  }

  test('isEvent narrows only the matching kind', () => {
    const notification = parseNotification(subscriptionReminder);
    assert.equal(isEvent(notification, 'subscription-reminder'), true);
    assert.equal(isEvent(notification, 'presence'), false);
  });
});

describe('parseEventFilter', () => {
  test('ids become ~, the query becomes params (first value wins)', () => {
    assert.deepEqual(
      parseEventFilter(
        '/restapi/v1.0/account/1/extension/2/message-store?type=SMS&type=Fax&direction=Inbound',
      ),
      {
        path: '/restapi/v1.0/account/~/extension/~/message-store',
        params: { type: 'SMS', direction: 'Inbound' },
      },
    );
  });

  test('a __proto__ parameter stays an ordinary parameter', () => {
    const { params } = parseEventFilter('/restapi/v1.0/glip/posts?__proto__=x');
    assert.equal(Object.getPrototypeOf(params), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(params, '__proto__')?.value, 'x');
  });
});

describe('matchesEventFilter', () => {
  const event = '/restapi/v1.0/account/~/extension/6610372004/presence?detailedTelephonyState=true';
  test('same path with ids or ~; parameters the filter does not name do not matter', () => {
    assert.equal(matchesEventFilter(event, '/restapi/v1.0/account/~/extension/~/presence'), true);
    assert.equal(
      matchesEventFilter(event, '/restapi/v1.0/account/1/extension/2/presence?detailedTelephonyState=true'),
      true,
    );
  });
  test('a different path or parameter value does not match', () => {
    assert.equal(matchesEventFilter(event, '/restapi/v1.0/account/~/extension/~/message-store'), false);
    assert.equal(
      matchesEventFilter(event, '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=false'),
      false,
    );
    assert.equal(
      matchesEventFilter(event, '/restapi/v1.0/account/~/extension/~/presence?sipData=true'),
      false,
    );
  });
  test('team messaging: the rewritten event matches the filter that was subscribed', () => {
    assert.equal(
      matchesEventFilter(
        '/restapi/v1.0/account/12345/extension/12345/glip/posts',
        '/restapi/v1.0/glip/posts',
      ),
      true,
    );
  });
});
