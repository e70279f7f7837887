import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Notification } from '@switchboard/receiver';
import { summariseNotification } from '../../src/cli/listen/summarise-notification.js';

/** One event path of each kind `listen` summarises, for account 1001, extension 2001. */
const PATHS = [
  '/restapi/v1.0/account/1001/extension/2001/presence?detailedTelephonyState=true',
  '/restapi/v1.0/account/1001/extension/2001/message-store',
  '/restapi/v1.0/account/1001/extension/2001/message-store/instant?type=SMS',
  '/restapi/v1.0/account/1001/extension/2001/telephony/sessions',
  '/restapi/v1.0/account/1001/extension/2001',
  '/restapi/v1.0/account/1001/extension',
  '/restapi/v1.0/subscription/~?threshold=120&interval=60',
  '/restapi/v1.0/glip/posts',
  '/restapi/v1.0/glip/groups',
];

/** Bodies a publisher may send that match no RingCentral schema: `listen` gets them all the same. */
const SURPRISES: unknown[] = [
  {},
  { changes: null },
  { parties: [{}] },
  { to: 'x', from: null },
  [],
  null,
  'text',
];

function notification(event: string, body: unknown): Notification {
  return { uuid: 'u-1', event, timestamp: '2026-12-01T00:00:00.000Z', subscriptionId: 's-1', body };
}

test('a message-store notification without `changes` is summarised, not refused', () => {
  const line = summariseNotification(notification(PATHS[1] ?? '', { extensionId: 2001 }));
  assert.equal(line, '{"extensionId":2001}');
});

test('no body of any kind crashes the summary', () => {
  for (const event of PATHS) {
    for (const body of SURPRISES) {
      const line = summariseNotification(notification(event, body));
      assert.equal(typeof line, 'string', `${event} ${JSON.stringify(body)}`);
      assert.ok(line.length <= 90, 'still one short line');
    }
  }
});
