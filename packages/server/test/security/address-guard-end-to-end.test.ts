import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { isIP } from 'node:net';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { resolveConfig } from '../../src/config.js';
import type { Handshake } from '../../src/context.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { countingRandom } from '../helpers/test-app.js';
import { listen } from '../http/support/listen.js';

/**
 * The address guard end to end in production mode (docs/decisions.md "Subscriptions" → Address,
 * docs/reliability.md): through the API's create endpoint (the real handshake) and through the dispatcher
 * (real HTTP pools), with the resolver injected into createApp. Every name below resolves to
 * 127.0.0.1 or another forbidden address; a trap server listens on 127.0.0.1, so if the guard let
 * anything through, the trap would count a connection.
 */

const PUBLIC = '93.184.215.14';

/** [host as written in the URL, what it is] — IP literals in every spelling, then names. */
const LITERALS: Array<[string, string]> = [
  ['127.0.0.1', 'loopback'],
  ['10.1.2.3', 'RFC 1918 10/8'],
  ['172.16.5.4', 'RFC 1918 172.16/12'],
  ['192.168.1.1', 'RFC 1918 192.168/16'],
  ['169.254.10.1', 'link-local'],
  ['169.254.169.254', 'cloud metadata'],
  ['100.64.0.1', 'CGNAT'],
  ['0.0.0.0', 'this network'],
  ['[::1]', 'IPv6 loopback'],
  ['[fd00:ec2::254]', 'IPv6 ULA (AWS metadata)'],
  ['[fc00::1]', 'IPv6 ULA'],
  ['[fe80::1]', 'IPv6 link-local'],
  ['[::ffff:127.0.0.1]', 'IPv4-mapped loopback'],
  ['[::ffff:169.254.169.254]', 'IPv4-mapped metadata'],
  ['[::ffff:a00:1]', 'IPv4-mapped RFC 1918, hex'],
  ['2130706433', 'decimal 127.0.0.1'],
  ['0177.0.0.1', 'octal 127.0.0.1'],
  ['0x7f.0.0.1', 'hex 127.0.0.1'],
  ['0xa9fea9fe', 'hex 169.254.169.254'],
  ['017700000001', 'octal 127.0.0.1, one number'],
];

const NAMES: Record<string, string[]> = {
  'loopback.test': ['127.0.0.1'],
  localhost: ['127.0.0.1', '::1'],
  'rfc1918.test': ['10.0.0.7'],
  'linklocal.test': ['169.254.1.1'],
  'metadata.test': ['169.254.169.254'],
  'cgnat.test': ['100.100.100.100'],
  'ula.test': ['fd12:3456::1'],
  'linklocal6.test': ['fe80::1'],
  'mapped.test': ['::ffff:127.0.0.1'],
  'loopback6.test': ['::1'],
  // One public and one private answer: a connection could pick either, so the name is refused.
  'mixed.test': [PUBLIC, '127.0.0.1'],
};

/** The resolver createApp gets: fixed answers, and a rebinding name that changes its answer. */
function testResolver() {
  const calls = new Map<string, number>();
  const resolve = async (hostname: string): Promise<string[]> => {
    const n = (calls.get(hostname) ?? 0) + 1;
    calls.set(hostname, n);
    // Rebinding: public for the first lookup (the check at creation), loopback from then on.
    if (hostname === 'rebind.test') return n === 1 ? [PUBLIC] : ['127.0.0.1'];
    const answer = NAMES[hostname];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answer;
  };
  return { resolve, calls };
}

/** An HTTP server on 127.0.0.1 that counts connections and answers handshakes and notifications. */
async function trapServer() {
  let connections = 0;
  let notifications = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const token = req.headers['validation-token'];
      if (typeof token === 'string') res.writeHead(200, { 'validation-token': token }).end();
      else {
        notifications++;
        res.writeHead(200).end();
      }
    });
  });
  server.on('connection', () => connections++);
  const { port, close } = await listen(server);
  return { port, close, connections: () => connections, notifications: () => notifications };
}

async function productionApp(options: { resolve: (h: string) => Promise<string[]>; handshake?: Handshake }) {
  const config = resolveConfig({
    flags: {
      mode: 'production',
      port: 0,
      logLevel: 'silent',
      dataDir: '/nonexistent',
      handshakeTimeoutMs: 1000,
      maxSubscriptionsPerExtension: 100,
      // Dozens of creates with one token: rate limits are tested in rate-limit.test.ts.
      rateLimit: 'off',
    },
  });
  return createApp({
    config,
    clock: new ManualClock(),
    random: countingRandom(),
    store: createSqliteStore({ filename: ':memory:' }),
    logger: pino({ level: 'silent' }),
    resolve: options.resolve,
    ...(options.handshake ? { handshake: options.handshake } : {}),
  });
}

async function post(app: App, url: string, body: unknown) {
  const res = await app.api.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${app.createdAdminToken}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  return { status: res.statusCode, json: JSON.parse(res.body) };
}

const FILTER = '/restapi/v1.0/account/~/extension/~/presence';
const createBody = (address: string) => ({
  eventFilters: [FILTER],
  deliveryMode: { transportType: 'WebHook', address },
});

describe('address guard through the API create endpoint (real handshake, production)', () => {
  let trap: Awaited<ReturnType<typeof trapServer>>;
  let app: App;
  before(async () => {
    trap = await trapServer();
    app = await productionApp({ resolve: testResolver().resolve });
  });
  after(async () => {
    await app.stop();
    await trap.close();
  });

  it('refuses every forbidden IP literal, in every spelling, with SUB-521 naming the range', async () => {
    for (const [host, what] of LITERALS) {
      const answer = await post(
        app,
        '/restapi/v1.0/subscription',
        createBody(`https://${host}:${trap.port}/hook`),
      );
      assert.equal(answer.status, 400, `${host} (${what})`);
      assert.equal(answer.json.errorCode, 'SUB-521', `${host} (${what})`);
      assert.match(
        answer.json.message,
        /address refused: .* address; only public addresses are allowed/,
        host,
      );
    }
    assert.equal(trap.connections(), 0, 'nothing connected');
  });

  it('refuses every name resolving to a forbidden address, checked when connecting', async () => {
    for (const [name, addresses] of Object.entries(NAMES)) {
      const answer = await post(
        app,
        '/restapi/v1.0/subscription',
        createBody(`https://${name}:${trap.port}/hook`),
      );
      assert.equal(answer.json.errorCode, 'SUB-521', name);
      const forbidden = addresses.find((a) => a !== PUBLIC) ?? '';
      assert.ok(answer.json.message.includes(`${name} resolves to ${forbidden}`), answer.json.message);
    }
    assert.equal(trap.connections(), 0, 'nothing connected');
  });

  it('refuses http with SUB-523 before resolving anything', async () => {
    const answer = await post(
      app,
      '/restapi/v1.0/subscription',
      createBody(`http://loopback.test:${trap.port}/`),
    );
    assert.equal(answer.status, 400);
    assert.equal(answer.json.errorCode, 'SUB-523');
  });

  it('nothing was stored', async () => {
    assert.deepEqual(await app.ctx.store.listSubscriptions({}), []);
  });
});

describe('address guard in the dispatcher (real HTTP pools, production)', () => {
  let trap: Awaited<ReturnType<typeof trapServer>>;
  let app: App;
  let resolver: ReturnType<typeof testResolver>;
  before(async () => {
    trap = await trapServer();
    resolver = testResolver();
    // The creation handshake stands in for one that reached a public receiver (nothing public is
    // reachable from the test sandbox): it looks the name up once, as a check at creation would,
    // and passes when that answer was public. Deliveries then go through the real guarded pools.
    const handshake: Handshake = async ({ address }) => {
      const host = new URL(address).hostname;
      if (isIP(host.replace(/^\[|\]$/g, '')) === 0) await resolver.resolve(host);
      return { ok: true, latencyMs: 1 };
    };
    app = await productionApp({ resolve: resolver.resolve, handshake });
  });
  after(async () => {
    await app.stop();
    await trap.close();
  });

  it('refuses forbidden literals, forbidden names and a rebound name at connect time', async () => {
    const hosts = [...LITERALS.map(([host]) => host), ...Object.keys(NAMES), 'rebind.test'];
    for (const host of hosts) {
      const answer = await post(
        app,
        '/restapi/v1.0/subscription',
        createBody(`https://${host}:${trap.port}/hook`),
      );
      assert.equal(answer.status, 200, `${host}: ${JSON.stringify(answer.json)}`);
    }
    assert.equal(resolver.calls.get('rebind.test'), 1, 'rebind.test looked public when subscribed');

    // One stored before the switch to production, with an http address.
    const [first] = await app.ctx.store.listSubscriptions({});
    assert.ok(first);
    const legacy = { ...first, id: 'legacy-http', address: `http://127.0.0.1:${trap.port}/hook` };
    await app.ctx.store.createSubscription(legacy);
    app.ctx.index.add(legacy);

    const published = await post(app, '/v1/events', {
      event: '/restapi/v1.0/account/1001/extension/2001/presence',
      body: { presenceStatus: 'Busy' },
    });
    assert.equal(published.json.events[0].matched, hosts.length + 1);
    assert.equal(await app.dispatcher.runOnce(), hosts.length + 1);

    const deliveries = await app.ctx.store.listDeliveries({ limit: 100 });
    assert.equal(deliveries.length, hosts.length + 1);
    for (const d of deliveries) {
      assert.equal(d.state, 'pending', 'failed, to be retried');
      assert.equal(d.lastStatus, null, 'no response: never connected');
      const subscription = await app.ctx.store.getSubscription(d.subscriptionId);
      if (subscription?.id === 'legacy-http') {
        assert.equal(d.lastError, 'I/O operation is failed. Details: [http is not allowed, use https]');
        continue;
      }
      assert.match(d.lastError ?? '', /only public addresses are allowed\]$/, subscription?.address);
    }
    const rebound = deliveries.find((d) => d.lastError?.includes('rebind.test'));
    assert.match(
      rebound?.lastError ?? '',
      /rebind\.test resolves to 127\.0\.0\.1, a loopback address/,
      'the rebound name was resolved again when connecting',
    );
    assert.equal(trap.connections(), 0, 'nothing connected');
  });
});

describe('control: the same names reach the trap when the guard is off (development mode)', () => {
  it('delivers through a name mapped to 127.0.0.1, so the refusals above were the guard', async () => {
    const trap = await trapServer();
    const config = resolveConfig({ flags: { port: 0, logLevel: 'silent', dataDir: '/nonexistent' } });
    const app = await createApp({
      config,
      clock: new ManualClock(),
      random: countingRandom(),
      store: createSqliteStore({ filename: ':memory:' }),
      logger: pino({ level: 'silent' }),
      resolve: testResolver().resolve,
    });
    try {
      const created = await post(
        app,
        '/restapi/v1.0/subscription',
        createBody(`http://loopback.test:${trap.port}/hook`),
      );
      assert.equal(created.status, 200, JSON.stringify(created.json));
      await post(app, '/v1/events', {
        event: '/restapi/v1.0/account/1001/extension/2001/presence',
        body: {},
      });
      await app.dispatcher.runOnce();
      assert.equal(trap.notifications(), 1);
      assert.ok(trap.connections() >= 2, 'handshake and notification connected');
    } finally {
      await app.stop();
      await trap.close();
    }
  });
});
