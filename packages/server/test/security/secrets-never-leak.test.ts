import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { test } from 'node:test';
import { createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { resolveConfig } from '../../src/config.js';
import { redactSecret } from '../../src/dispatcher/redact-secret.js';
import { createLogger } from '../../src/logger.js';
import { systemRandom } from '../../src/random.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { lineSink } from '../helpers/line-sink.js';
import { listen } from '../http/support/listen.js';

/**
 * Secrets never appear in logs, in API responses after the one that created them, or in error
 * messages (docs/decisions.md "Wire compatibility"). One run through every
 * path that handles a secret — token and subscription creation, handshakes that pass and fail,
 * deliveries, a receiver that reflects what it is sent, blacklisting, probes, secret rotation,
 * revocation, invalid input — captures the whole log at trace level and every response (status
 * line, headers, body), then scans all of it for every secret value.
 */

const PRESENCE = '/restapi/v1.0/account/1001/extension/2001/presence';
const SUBSCRIPTION = '/restapi/v1.0/subscription';

interface Captured {
  what: string;
  text: string;
  /** Secrets this response legitimately shows: the one that created them. */
  creates: string[];
}

/**
 * A receiver that answers handshakes properly (or, when told, echoes the wrong header or
 * redirects with our secrets in the Location), and answers notifications like httpbin: with the
 * request's headers in its body — the Verification-Token among them.
 */
async function reflectingReceiver() {
  const state = { handshake: 'echo' as 'echo' | 'echo-verification' | 'redirect', notification: 200 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const validation = req.headers['validation-token'];
      const verification = String(req.headers['verification-token'] ?? '');
      if (typeof validation === 'string') {
        if (state.handshake === 'redirect')
          res.writeHead(302, { location: `https://elsewhere.example/?t=${verification}` }).end();
        else if (state.handshake === 'echo-verification')
          res.writeHead(200, { 'validation-token': verification }).end();
        else res.writeHead(200, { 'validation-token': validation }).end();
        return;
      }
      const status = state.notification;
      res
        .writeHead(status, status >= 300 && status < 400 ? { location: `/next?t=${verification}` } : {})
        .end(JSON.stringify({ headers: req.headers, note: `token was ${verification}` }));
    });
  });
  const { port, close } = await listen(server);
  return { state, close, url: `http://127.0.0.1:${port}/hook` };
}

test('no secret in logs, later responses or error messages', { timeout: 60_000 }, async (t) => {
  const { lines, sink } = lineSink();
  const config = resolveConfig({ flags: { port: 0, dataDir: '/nonexistent', logLevel: 'trace' } });
  const clock = new ManualClock();
  const app = await createApp({
    config,
    clock,
    random: systemRandom,
    store: createSqliteStore({ filename: ':memory:' }),
    logger: createLogger({ mode: 'production', logLevel: 'trace' }, sink),
  });
  const receiver = await reflectingReceiver();
  const captured: Captured[] = [];
  const secrets = new Map<string, string>();
  const admin = app.createdAdminToken ?? '';
  secrets.set(admin, 'bootstrap admin token');

  async function api(method: string, url: string, token: string, body?: unknown, creates: string[] = []) {
    const res = await app.api.inject({
      method: method as 'GET',
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const head = Object.entries(res.headers)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join('\n');
    captured.push({ what: `${method} ${url}`, text: `${res.statusCode}\n${head}\n\n${res.body}`, creates });
    return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : undefined };
  }
  const remember = (value: string, what: string) => {
    assert.ok(value.length >= 8, `${what} is long enough to scan for`);
    secrets.set(value, what);
  };

  try {
    // Tokens: created (shown once), used, listed, revoked, used again.
    const user = await api('POST', '/v1/tokens', admin, { role: 'user', name: 'u' });
    assert.equal(user.status, 201);
    remember(user.json.token, 'user token');
    captured.at(-1)?.creates.push(user.json.token);
    const publisher = await api('POST', '/v1/tokens', admin, { role: 'publisher', name: 'p' });
    remember(publisher.json.token, 'publisher token');
    captured.at(-1)?.creates.push(publisher.json.token);
    const userToken: string = user.json.token;
    const publisherToken: string = publisher.json.token;

    // Subscriptions: verification tokens are write-only, signing secrets shown at creation only.
    const verification = ['vt-first-Zq8mXw2', 'vt-second-Lr5nBv7', 'vt-third-Pa3kTy9', 'vt-fourth-Hs6dJe4'];
    for (const [i, v] of verification.entries()) remember(v, `verification token ${i + 1}`);
    const created = await api('POST', SUBSCRIPTION, userToken, {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
      deliveryMode: { transportType: 'WebHook', address: receiver.url, verificationToken: verification[0] },
    });
    assert.equal(created.status, 200, JSON.stringify(created.json));
    const id: string = created.json.id;
    const firstSecret: string = created.json.deliveryMode.signingSecret;
    remember(firstSecret, 'first signing secret');
    captured.at(-1)?.creates.push(firstSecret);

    // Handshakes that fail: the receiver echoes the Verification-Token; it redirects with it.
    receiver.state.handshake = 'echo-verification';
    const echoed = await api('POST', SUBSCRIPTION, userToken, {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
      deliveryMode: { transportType: 'WebHook', address: receiver.url, verificationToken: verification[1] },
    });
    assert.equal(echoed.json.errorCode, 'SUB-520');
    receiver.state.handshake = 'redirect';
    const redirected = await api('POST', SUBSCRIPTION, userToken, {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
      deliveryMode: { transportType: 'WebHook', address: receiver.url, verificationToken: verification[1] },
    });
    assert.equal(redirected.json.errorCode, 'SUB-521');
    receiver.state.handshake = 'echo';

    // Invalid tokens are refused without being echoed.
    for (const bad of [`${verification[2]}\r\nX-Injected: 1`, `${verification[2]}${'x'.repeat(300)}`]) {
      const answer = await api('POST', SUBSCRIPTION, userToken, {
        eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
        deliveryMode: { transportType: 'WebHook', address: receiver.url, verificationToken: bad },
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.json.parameterName, 'deliveryMode.verificationToken');
    }

    // Deliveries to a receiver that reflects the request headers, failing then succeeding.
    const publish = () =>
      api('POST', '/v1/events', publisherToken, { event: PRESENCE, body: { presenceStatus: 'Busy' } });
    for (const status of [500, 307, 200]) {
      receiver.state.notification = status;
      assert.equal((await publish()).status, 202);
      await app.dispatcher.runOnce();
    }

    // Update the token (handshake with the new one), rotate the secret.
    const updated = await api('PUT', `${SUBSCRIPTION}/${id}`, userToken, {
      deliveryMode: { verificationToken: verification[3] },
    });
    assert.equal(updated.status, 200, JSON.stringify(updated.json));
    const rotated = await api('POST', `/v1/subscriptions/${id}/rotate-secret`, userToken);
    remember(rotated.json.signingSecret, 'rotated signing secret');
    captured.at(-1)?.creates.push(rotated.json.signingSecret);
    receiver.state.notification = 200;
    await publish();
    await app.dispatcher.runOnce();

    // Failing run → blacklisted → probes that fail (redirect with the token in Location), then pass.
    receiver.state.notification = 503;
    for (let i = 0; i < 6; i++) {
      await publish();
      await app.dispatcher.runOnce();
      clock.advance(3 * 60_000);
    }
    assert.equal((await api('GET', `${SUBSCRIPTION}/${id}`, userToken)).json.status, 'Blacklisted');
    receiver.state.handshake = 'redirect';
    clock.advance(config.probeIntervalMs);
    await app.scheduler.tick();
    receiver.state.handshake = 'echo';
    receiver.state.notification = 200;
    clock.advance(config.probeIntervalMs);
    assert.equal((await app.scheduler.tick()).reactivated, 1);
    await app.dispatcher.runOnce();

    // Every attempt log (the receiver reflected each request into its body), every event.
    const deliveries = await api('GET', `/v1/subscriptions/${id}/deliveries?limit=500`, userToken);
    assert.ok(deliveries.json.records.length >= 10);
    for (const d of deliveries.json.records) {
      const detail = await api('GET', `/v1/deliveries/${d.id}`, userToken);
      assert.ok(detail.json.attempts.length > 0);
      await api('GET', `/v1/events/${d.eventId}?explain=true`, publisherToken);
    }

    // Every read of the subscription and the tokens; then revocation.
    for (const url of [
      `${SUBSCRIPTION}/${id}`,
      SUBSCRIPTION,
      `/v1/subscriptions/${id}`,
      '/v1/subscriptions',
    ]) {
      assert.equal((await api('GET', url, userToken)).status, 200);
    }
    await api('POST', `${SUBSCRIPTION}/${id}/renew`, userToken);
    const tokens = await api('GET', '/v1/tokens', admin);
    for (const token of tokens.json.records)
      if (token.role === 'user') await api('DELETE', `/v1/tokens/${token.id}`, admin);
    assert.equal((await api('GET', SUBSCRIPTION, userToken)).status, 401);
    // A token sent the wrong way, and a body that is not JSON, carrying a secret.
    await api('GET', SUBSCRIPTION, `${publisherToken}\u0000`);
    await api('POST', '/v1/events', publisherToken, `{"event": "${verification[0]}`);

    const log = lines.join('');
    let scanned = 0;
    const leaks: string[] = [];
    for (const [secret, what] of secrets) {
      if (log.includes(secret)) leaks.push(`${what} in the log`);
      for (const c of captured) {
        scanned++;
        if (!c.creates.includes(secret) && c.text.includes(secret)) leaks.push(`${what} in ${c.what}`);
      }
    }
    t.diagnostic(
      `scanned ${lines.length} log lines (${log.length} bytes) and ${captured.length} responses for ${secrets.size} secrets (${scanned} response checks)`,
    );
    assert.deepEqual(leaks, []);
    assert.ok(lines.length > 20, 'the log was captured at trace level');
    assert.ok(
      /redirects are not followed \(Location: https:\/\/elsewhere\.example\/\?t=…\)","msg":"probe failed/.test(
        log,
      ),
      'the failed probe was logged, its Location redacted',
    );
  } finally {
    await app.stop();
    await receiver.close();
  }
});

test('attempt logs redact a reflected token, escaped, encoded or cut off by the snippet cap', () => {
  const token = 'tok "en"/with%chars';
  assert.equal(redactSecret(`a ${token} b`, token), 'a [redacted] b');
  assert.equal(redactSecret(JSON.stringify({ t: token }), token), '{"t":"[redacted]"}');
  assert.equal(redactSecret(`?t=${encodeURIComponent(token)}`, token), '?t=[redacted]');
  assert.equal(redactSecret('…"verification-token":"tok "e', token), '…"verification-token":"[redacted]');
  assert.equal(redactSecret('nothing here', token), 'nothing here');
  assert.equal(redactSecret('ends with tok', token), 'ends with tok', 'three characters reveal nothing');
  assert.equal(redactSecret('anything', null), 'anything');
});
