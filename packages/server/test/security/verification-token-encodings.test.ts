import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { resolveConfig } from '../../src/config.js';
import { performHandshake } from '../../src/handshake/perform-handshake.js';
import { createLogger } from '../../src/logger.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { lineSink } from '../helpers/line-sink.js';
import { countingRandom } from '../helpers/test-app.js';
import { listen } from '../http/support/listen.js';

/**
 * Finding 7 of docs/reliability.md: the Verification-Token leaked percent-encoded into info-level logs ("probe
 * failed; still blacklisted") and into SUB-521 messages when a receiver redirected with it in its
 * `Location`. Secrets never appear in any encoding (docs/decisions.md "Wire compatibility").
 */
const TOKEN = 'S3cret tok/en+with&odd=chars';

/** Every way a receiver might spell the token back to us. */
const ENCODINGS: Record<string, (s: string) => string> = {
  'percent-encoded': (s) => encodeURIComponent(s),
  'percent-encoded, lower-case hex': (s) =>
    encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
  'form-encoded': (s) => encodeURIComponent(s).replace(/%20/g, '+'),
  'every byte percent-encoded': (s) =>
    [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join(''),
  'percent-encoded twice': (s) => encodeURIComponent(encodeURIComponent(s)),
  base64: (s) => Buffer.from(s).toString('base64'),
  base64url: (s) => Buffer.from(s).toString('base64url'),
  hex: (s) => Buffer.from(s).toString('hex'),
};

/** The token's spellings that must not appear anywhere: itself and its non-trivial encodings. */
const FORBIDDEN = [TOKEN, ...Object.values(ENCODINGS).map((encode) => encode(TOKEN))];
const leaks = (text: string) => FORBIDDEN.filter((form) => text.includes(form));

describe('the Verification-Token never leaks encoded', () => {
  const state = { encoding: 'percent-encoded', mode: 'redirect' as 'redirect' | 'echo' };
  let receiver: { port: number; close(): Promise<void> };
  const url = () => `http://127.0.0.1:${receiver.port}/hook`;

  before(async () => {
    receiver = await listen(
      createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          const validation = req.headers['validation-token'];
          if (state.mode === 'echo' && typeof validation === 'string') {
            res.writeHead(200, { 'validation-token': validation }).end();
            return;
          }
          const encode = ENCODINGS[state.encoding] ?? String;
          const token = String(req.headers['verification-token'] ?? '');
          res.writeHead(302, { location: `https://elsewhere.example/next?t=${encode(token)}` }).end();
        });
      }),
    );
  });
  after(async () => receiver.close());

  for (const encoding of Object.keys(ENCODINGS)) {
    it(`a redirect with the token ${encoding} in Location: the handshake result hides it`, async () => {
      state.mode = 'redirect';
      state.encoding = encoding;
      const result = await performHandshake({
        address: url(),
        verificationToken: TOKEN,
        signingSecret: null,
        timeoutMs: 3000,
        allowHttp: true,
        guard: { allowHttp: true, allowPrivate: true },
      });
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.code === 'SUB-521');
      const detail = result.ok ? '' : result.detail;
      assert.match(detail, /redirects are not followed \(Location: https:\/\/elsewhere\.example\/next\?t=/);
      assert.deepEqual(leaks(detail), [], detail);
    });
  }

  it('neither the SUB-521 answer to a create nor the probe log line carries it', async () => {
    const { lines, sink } = lineSink();
    const config = resolveConfig({ flags: { port: 0, dataDir: '/nonexistent', logLevel: 'trace' } });
    const clock = new ManualClock();
    const app: App = await createApp({
      config,
      clock,
      random: countingRandom(),
      store: createSqliteStore({ filename: ':memory:' }),
      logger: createLogger(config, sink),
    });
    try {
      const admin = app.createdAdminToken ?? '';
      const call = async (method: 'POST' | 'GET', path: string, body?: unknown) => {
        const res = await app.api.inject({
          method,
          url: path,
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
          ...(body ? { payload: JSON.stringify(body) } : {}),
        });
        return { status: res.statusCode, text: res.body, json: JSON.parse(res.body || 'null') };
      };
      const create = (verificationToken: string) =>
        call('POST', '/restapi/v1.0/subscription', {
          eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
          deliveryMode: { transportType: 'WebHook', address: url(), verificationToken },
        });
      state.mode = 'redirect';
      for (const encoding of Object.keys(ENCODINGS)) {
        state.encoding = encoding;
        const refused = await create(TOKEN);
        assert.equal(refused.json.errorCode, 'SUB-521', refused.text);
        assert.deepEqual(leaks(refused.text), [], `${encoding}: ${refused.text}`);
      }

      state.mode = 'echo';
      const created = await create(TOKEN);
      assert.equal(created.status, 200, created.text);
      const id = created.json.id as string;
      await app.ctx.store.updateSubscription(id, {
        status: 'Blacklisted',
        blacklistedAt: clock.now(),
        blacklistedReason: 'Webhook responses with code: [500], reason: [Internal Server Error]',
        nextProbeAt: clock.now(),
        updatedAt: clock.now(),
      });
      state.mode = 'redirect';
      for (const encoding of Object.keys(ENCODINGS)) {
        state.encoding = encoding;
        clock.advance(config.probeIntervalMs + 1);
        const probed = await app.scheduler.tick();
        assert.equal(probed.reactivated, 0);
      }
      const log = lines.join('');
      assert.match(log, /probe failed; still blacklisted/);
      assert.deepEqual(leaks(log), []);
    } finally {
      await app.stop();
    }
  });
});
