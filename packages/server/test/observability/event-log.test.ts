import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createLogger } from '../../src/logger.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TestReceiver } from '../helpers/test-receiver.js';
import { listen } from '../http/support/listen.js';

// One structured log line per server event an operator must hear about (docs/architecture.md
// "Data flow": typed server events → logs), with the ids and the reason and never a secret.

const PRESENCE = '/restapi/v1.0/account/1001/extension/2001/presence';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Printable ASCII with characters that percent-encoding changes, so every encoding differs. */
const VERIFICATION_TOKEN = 'event log/secret+token=1';

type LogLine = Record<string, unknown>;

/** A logger built as the server builds its own (redaction included) that keeps every line. */
function capturedLog() {
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      raw.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ mode: 'production', logLevel: 'trace' }, sink);
  return {
    logger,
    text: () => raw.join('\n'),
    /** The lines written for one server event. */
    linesFor: (event: string): LogLine[] =>
      raw.map((line) => JSON.parse(line) as LogLine).filter((line) => line.event === event),
  };
}

/** A secret as it may leak: plain, percent-encoded (any case, every byte), base64, base64url. */
function encodings(secret: string): string[] {
  const everyByte = [...Buffer.from(secret)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  return [
    secret,
    encodeURIComponent(secret),
    everyByte,
    everyByte.toUpperCase(),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
  ];
}

function assertNoSecret(text: string, secrets: string[]): void {
  for (const secret of secrets)
    for (const form of encodings(secret))
      assert.ok(!text.includes(form), `the log holds a secret as "${form}"`);
}

describe('server events become log lines', () => {
  let app: TestApp;
  let receiver: TestReceiver;
  let log: ReturnType<typeof capturedLog>;
  let secrets: string[];

  beforeEach(async () => {
    log = capturedLog();
    receiver = await TestReceiver.start({ verificationToken: VERIFICATION_TOKEN });
  });
  afterEach(async () => {
    await app.stop();
    await receiver.close();
  });

  async function start(overrides: Record<string, unknown> = {}) {
    app = await startTestApp(overrides, { logger: log.logger });
    secrets = [VERIFICATION_TOKEN, app.adminToken];
  }

  async function subscribe(expiresIn?: number): Promise<string> {
    const res = await app.call('POST', '/restapi/v1.0/subscription', {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
      deliveryMode: {
        transportType: 'WebHook',
        address: receiver.url,
        verificationToken: VERIFICATION_TOKEN,
      },
      ...(expiresIn ? { expiresIn } : {}),
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    secrets.push(res.body.deliveryMode.signingSecret);
    return res.body.id;
  }

  async function publish(): Promise<void> {
    const res = await app.call('POST', '/v1/events', { event: PRESENCE, body: { presenceStatus: 'Busy' } });
    assert.equal(res.status, 202, JSON.stringify(res.body));
  }

  test('a dead delivery logs one line with its ids and the last reason', async () => {
    await start({ retryScheduleMs: [1000, 2000] });
    const subscriptionId = await subscribe();
    receiver.respond = () => ({ status: 500 });
    await publish();
    await app.dispatcher.runOnce();
    app.clock.advance(1000);
    await app.dispatcher.runOnce();
    assert.equal(log.linesFor('delivery:dead').length, 0, 'not dead while a retry is left');
    app.clock.advance(2000);
    await app.dispatcher.runOnce();

    const list = await app.call('GET', `/v1/subscriptions/${subscriptionId}/deliveries`);
    const deliveryId = list.body.records[0].id;
    const lines = log.linesFor('delivery:dead');
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.deepEqual(
      {
        subscriptionId: lines[0]?.subscriptionId,
        deliveryId: lines[0]?.deliveryId,
        attempts: lines[0]?.attempts,
        status: lines[0]?.status,
        reason: lines[0]?.reason,
      },
      {
        subscriptionId,
        deliveryId,
        attempts: 3,
        status: 500,
        reason: 'Webhook responses with code: [500], reason: [Internal Server Error]',
      },
    );
    assert.equal(lines[0]?.level, 40, 'logged as a warning');
    assertNoSecret(log.text(), secrets);
  });

  test('a blacklisting logs one line with the reason; the probe that reactivates it logs one more', async () => {
    await start();
    const subscriptionId = await subscribe();
    receiver.respond = () => ({ status: 503 });
    await publish();
    // As in test/lifecycle: the fifth failure, past ten minutes of failing, blacklists.
    for (const wait of [0, 5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE]) {
      app.clock.advance(wait);
      await app.dispatcher.runOnce();
    }
    const blacklisted = log.linesFor('subscription:blacklisted');
    assert.equal(blacklisted.length, 1, JSON.stringify(blacklisted));
    assert.equal(blacklisted[0]?.subscriptionId, subscriptionId);
    assert.equal(blacklisted[0]?.reason, 'Webhook responses with code: [503], reason: [Service Unavailable]');
    assert.equal(log.linesFor('subscription:reactivated').length, 0);

    receiver.respond = () => ({ status: 200 });
    app.clock.advance(15 * MINUTE);
    assert.equal((await app.scheduler.tick()).reactivated, 1);
    const reactivated = log.linesFor('subscription:reactivated');
    assert.equal(reactivated.length, 1, JSON.stringify(reactivated));
    assert.equal(reactivated[0]?.subscriptionId, subscriptionId);
    assertNoSecret(log.text(), secrets);
  });

  test('an expiry logs one line', async () => {
    await start();
    const subscriptionId = await subscribe(3600);
    app.clock.advance(3600 * SECOND);
    assert.equal((await app.scheduler.tick()).expired, 1);
    await app.scheduler.tick();
    const lines = log.linesFor('subscription:expired');
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.equal(lines[0]?.subscriptionId, subscriptionId);
    assert.equal(lines[0]?.reason, 'expiration time reached');
  });

  test('a refused handshake logs one line with the code and the origin, not the address', async () => {
    await start();
    receiver.handshake = 'refuse';
    const address = `${receiver.url}?auth_token=kept-out-of-logs`;
    const res = await app.call('POST', '/restapi/v1.0/subscription', {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
      deliveryMode: { transportType: 'WebHook', address, verificationToken: VERIFICATION_TOKEN },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.errorCode, 'SUB-521');
    const lines = log.linesFor('subscription:handshake-failed');
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.equal(lines[0]?.code, 'SUB-521');
    assert.equal(lines[0]?.origin, new URL(receiver.url).origin);
    assert.match(String(lines[0]?.reason), /status 503/);
    assertNoSecret(log.text(), [...secrets, 'kept-out-of-logs']);
  });

  test('a receiver that reflects the Verification-Token percent-encoded into a redirect leaks it nowhere', async () => {
    await start();
    // Every byte percent-encoded: a plain search for the token would not find it.
    const reflecting = createServer((req, res) => {
      const token = String(req.headers['verification-token'] ?? '');
      const everyByte = [...Buffer.from(token)].map((b) => `%${b.toString(16)}`).join('');
      res.writeHead(302, { location: `https://elsewhere.example/?t=${everyByte}` }).end();
    });
    const { port, close } = await listen(reflecting);
    try {
      const res = await app.call('POST', '/restapi/v1.0/subscription', {
        eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
        deliveryMode: {
          transportType: 'WebHook',
          address: `http://127.0.0.1:${port}/hook`,
          verificationToken: VERIFICATION_TOKEN,
        },
      });
      assert.equal(res.body.errorCode, 'SUB-521');
      const lines = log.linesFor('subscription:handshake-failed');
      assert.equal(lines.length, 1, JSON.stringify(lines));
      assert.match(String(lines[0]?.reason), /redirects are not followed/);
      assertNoSecret(`${log.text()}\n${JSON.stringify(res.body)}`, secrets);
    } finally {
      await close();
    }
  });
});
