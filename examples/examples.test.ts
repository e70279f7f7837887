// Every example receiver starts, answers the handshake and delivers a notification.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Notification, WebhookHandlerOptions } from '@switchboard/receiver';
import type { RunningExample } from './example-options.js';
import { logNotification } from './example-options.js';
import * as expressExample from './receiver-express.js';
import * as fastifyExample from './receiver-fastify.js';
import fetchDefault, * as fetchExample from './receiver-fetch.js';
import * as nodeExample from './receiver-node.js';

// Bind the examples to loopback only while testing.
process.env.HOST = '127.0.0.1';

type Start = (port: number, options: WebhookHandlerOptions) => Promise<RunningExample>;

const EXAMPLES: Array<[string, Start]> = [
  ['receiver-node', nodeExample.start],
  ['receiver-express', expressExample.start],
  ['receiver-fastify', fastifyExample.start],
  ['receiver-fetch', fetchExample.start],
];
const TOKEN = 'example-token';
const notification = {
  uuid: 'b4f3c1de-8a7f-4a6e-9a50-4b5c7f0e2d11',
  event: '/restapi/v1.0/account/1001/extension/2001/presence',
  timestamp: '2026-01-08T10:00:00.000Z',
  subscriptionId: 'sub-1',
  ownerId: '2001',
  body: { extensionId: '2001', presenceStatus: 'Available' },
};

for (const [name, start] of EXAMPLES) {
  test(`${name}: handshake, then a notification`, async () => {
    const received: Notification[] = [];
    let delivered!: () => void;
    const done = new Promise<void>((resolve) => {
      delivered = resolve;
    });
    const receiver = await start(0, {
      verificationToken: TOKEN,
      onNotification: (n) => {
        received.push(n);
        delivered();
      },
    });
    try {
      const url = `http://127.0.0.1:${receiver.port}/webhook`;
      const handshake = await fetch(url, {
        method: 'POST',
        headers: {
          'Validation-Token': 'abc-123',
          'Verification-Token': TOKEN,
          'Content-Type': 'application/json',
        },
      });
      assert.equal(handshake.status, 200);
      assert.equal(handshake.headers.get('validation-token'), 'abc-123');
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Verification-Token': TOKEN, 'Content-Type': 'application/json; charset=UTF-8' },
        body: JSON.stringify(notification),
      });
      assert.equal(response.status, 200);
      await done;
      assert.deepEqual(received, [notification]);
    } finally {
      await receiver.close();
    }
  });
}

test('receiver-fetch: the default export serves Bun, Deno and Workers', async () => {
  const response = await fetchDefault.fetch(
    new Request('http://localhost/webhook', { method: 'POST', headers: { 'Validation-Token': 'abc-123' } }),
  );
  assert.equal(response.headers.get('validation-token'), 'abc-123');
});

test('logNotification narrows presence and reminder events', (t) => {
  const log = t.mock.method(console, 'log', () => {});
  logNotification(notification);
  logNotification({
    ...notification,
    event: '/restapi/v1.0/subscription/~?threshold=60&interval=15',
    body: { expiresIn: 42 },
  });
  logNotification({ ...notification, event: '/restapi/v1.0/glip/posts', body: {} });
  assert.deepEqual(
    log.mock.calls.map((call) => String(call.arguments[0])),
    [
      'extension 2001 is Available',
      'subscription sub-1 expires in 42 s: renew it',
      '/restapi/v1.0/glip/posts',
    ],
  );
});
