import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type SendRequest, sendNotification } from '../../src/dispatcher/send-notification.js';
import { HttpPools } from '../../src/outbound/http-pools.js';
import { USER_AGENT } from '../../src/outbound/user-agent.js';
import { closedPort, listen } from './support/listen.js';
import { selfSignedCert } from './support/self-signed-cert.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const LOCAL = { allowHttp: true, allowPrivate: true };
const BODY = JSON.stringify({ uuid: 'u-1', event: '/restapi/v1.0/account/1/extension/2/presence', body: {} });

function request(address: string, overrides: Partial<SendRequest> = {}): SendRequest {
  return {
    address,
    headers: { 'content-type': 'application/json; charset=UTF-8', 'user-agent': USER_AGENT },
    body: BODY,
    timeoutMs: 3000,
    maxResponseBytes: 4096,
    ...overrides,
  };
}

describe('sendNotification', () => {
  let handler: Handler = (_req, res) => res.end();
  let connections = 0;
  const server = createServer((req, res) => handler(req, res));
  server.on('connection', () => connections++);
  let base = '';
  let closeServer: () => Promise<void>;
  const pools = new HttpPools({ connectionsPerOrigin: 2, guard: LOCAL });

  before(async () => {
    const { port, close } = await listen(server);
    base = `http://127.0.0.1:${port}`;
    closeServer = close;
  });
  after(async () => {
    await pools.close();
    await closeServer();
  });

  it('POSTs the body and headers, and counts any 2xx as ok', async () => {
    let seen: { method?: string; url?: string; body: string; ua?: string } = { body: '' };
    handler = (req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen = { method: req.method, url: req.url, body, ua: req.headers['user-agent'] };
        res.end('thanks');
      });
    };
    const outcome = await sendNotification(pools, request(`${base}/hook?a=1`));
    assert.deepEqual(seen, { method: 'POST', url: '/hook?a=1', body: BODY, ua: USER_AGENT });
    assert.equal(outcome.status, 200);
    assert.equal(outcome.ok, true);
    assert.equal(outcome.gone, false);
    assert.equal(outcome.error, null);
    assert.equal(outcome.responseSnippet, 'thanks');
    assert.equal(outcome.retryAfterMs, null);
    assert.ok(outcome.latencyMs >= 0 && outcome.latencyMs < 3000);
  });

  it('counts 204 as ok', async () => {
    handler = (_req, res) => {
      res.statusCode = 204;
      res.end();
    };
    const outcome = await sendNotification(pools, request(`${base}/`));
    assert.equal(outcome.status, 204);
    assert.equal(outcome.ok, true);
    assert.equal(outcome.responseSnippet, '');
  });

  it('fails a 302 without following it', async () => {
    let followed = false;
    handler = (req, res) => {
      if (req.url === '/elsewhere') followed = true;
      res.writeHead(302, { location: '/elsewhere' }).end();
    };
    const outcome = await sendNotification(pools, request(`${base}/hook`));
    assert.equal(outcome.status, 302);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error, 'Webhook responses with code: [302], reason: [Found]');
    assert.equal(followed, false);
  });

  it('reports 410 as gone', async () => {
    handler = (_req, res) => res.writeHead(410).end('unsubscribe me');
    const outcome = await sendNotification(pools, request(`${base}/`));
    assert.equal(outcome.gone, true);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error, 'Webhook responses with code: [410], reason: [Gone]');
  });

  it('words a 500 as RingCentral does and keeps the body', async () => {
    handler = (_req, res) => res.writeHead(500).end('boom');
    const outcome = await sendNotification(pools, request(`${base}/`));
    assert.equal(outcome.status, 500);
    assert.equal(outcome.error, 'Webhook responses with code: [500], reason: [Internal Server Error]');
    assert.equal(outcome.responseSnippet, 'boom');
  });

  it('times out with "Read timed out" when no response arrives', async () => {
    handler = () => {}; // never answers; the server closes the socket at the end
    const outcome = await sendNotification(pools, request(`${base}/`, { timeoutMs: 200 }));
    assert.equal(outcome.status, null);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error, 'I/O operation is failed. Details: [Read timed out]');
    assert.equal(outcome.responseSnippet, null);
    assert.ok(outcome.latencyMs >= 150, String(outcome.latencyMs));
  });

  it('times out when the body never finishes, keeping the status', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    };
    const outcome = await sendNotification(pools, request(`${base}/`, { timeoutMs: 200 }));
    assert.equal(outcome.status, 200);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error, 'I/O operation is failed. Details: [Read timed out]');
    assert.equal(outcome.responseSnippet, 'partial', 'what arrived before the deadline is kept for the log');
  });

  it('keeps one deadline for a request still waiting for a connection', async () => {
    // One connection, taken by a request that never gets an answer: the second waits for it, and
    // its own deadline passes meanwhile. It gets no socket until the first one gives up.
    const single = new HttpPools({ connectionsPerOrigin: 1, guard: LOCAL });
    try {
      handler = () => {};
      const first = sendNotification(single, request(`${base}/`, { timeoutMs: 400 }));
      const second = await sendNotification(single, request(`${base}/`, { timeoutMs: 100 }));
      assert.equal(second.status, null);
      assert.equal(second.error, 'I/O operation is failed. Details: [Read timed out]');
      assert.equal((await first).error, 'I/O operation is failed. Details: [Read timed out]');
    } finally {
      await single.close();
    }
  });

  it('reads an endless answer only up to the cap, then drops the connection', async () => {
    // Declares 1 GB and streams it with backpressure until the client goes away. Kernel socket
    // buffers absorb tens of megabytes, so "the server could not write everything" needs more
    // than 10 MB to prove that the client stopped reading.
    const total = 1024 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let written = 0;
    const closed = new Promise<void>((resolve) => {
      handler = (_req, res) => {
        res.on('close', resolve);
        res.writeHead(200, { 'content-length': String(total) });
        const pump = () => {
          while (!res.destroyed && written < total) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
        };
        pump();
      };
    });
    const outcome = await sendNotification(pools, request(`${base}/`, { maxResponseBytes: 1024 }));
    await closed;
    assert.equal(outcome.ok, true, outcome.error ?? '');
    assert.equal(outcome.responseSnippet?.length, 1024);
    assert.ok(written < 128 * 1024 * 1024, `server wrote ${written} bytes before the client hung up`);
  });

  it('parses Retry-After in seconds and as an HTTP-date', async () => {
    handler = (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end();
    const seconds = await sendNotification(pools, request(`${base}/`));
    assert.equal(seconds.retryAfterMs, 120_000);
    assert.equal(seconds.error, 'Webhook responses with code: [429], reason: [Too Many Requests]');

    const date = new Date(Date.now() + 120_000).toUTCString();
    handler = (_req, res) => res.writeHead(503, { 'retry-after': date }).end();
    const dated = await sendNotification(pools, request(`${base}/`));
    assert.ok(dated.retryAfterMs !== null && dated.retryAfterMs > 110_000 && dated.retryAfterMs <= 120_000);
  });

  it('reuses one keep-alive connection for sequential sends to one origin', async () => {
    handler = (_req, res) => res.end('ok');
    // One connection per origin: undici reuses a socket only one event-loop turn after its
    // response ended, so back-to-back sends with more connections allowed may open a second.
    const fresh = new HttpPools({ connectionsPerOrigin: 1, guard: LOCAL });
    const before = connections;
    for (let i = 0; i < 20; i++) {
      const outcome = await sendNotification(fresh, request(`${base}/n${i}`));
      assert.equal(outcome.ok, true);
    }
    await fresh.close();
    assert.equal(connections - before, 1);
  });

  it('reports a refused connection', async () => {
    const port = await closedPort(createNetServer());
    const outcome = await sendNotification(pools, request(`http://127.0.0.1:${port}/`));
    assert.equal(outcome.status, null);
    assert.equal(outcome.error, 'I/O operation is failed. Details: [Connection refused]');
  });

  it('turns an invalid address into an outcome instead of throwing', async () => {
    const outcome = await sendNotification(pools, request('not a url'));
    assert.equal(outcome.ok, false);
    assert.match(outcome.error ?? '', /^I\/O operation is failed\. Details: \[/);
  });

  it('reports an unknown host', async () => {
    const unknown = new HttpPools({
      connectionsPerOrigin: 1,
      guard: {
        ...LOCAL,
        resolve: async (host) => {
          throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
        },
      },
    });
    const outcome = await sendNotification(unknown, request('http://nowhere.test/'));
    await unknown.close();
    assert.equal(outcome.error, 'I/O operation is failed. Details: [Unknown host]');
  });
});

describe('sendNotification through the address guard', () => {
  const PRODUCTION = { allowHttp: false, allowPrivate: false };

  it('refuses loopback literals, and http, at connect time', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end();
    });
    const { port, close } = await listen(server);
    const pools = new HttpPools({ connectionsPerOrigin: 1, guard: { ...PRODUCTION, allowHttp: true } });
    const literal = await sendNotification(pools, request(`http://127.0.0.1:${port}/`));
    const mapped = await sendNotification(pools, request(`http://[::ffff:7f00:1]:${port}/`));
    const decimal = await sendNotification(pools, request(`http://2130706433:${port}/`));
    await pools.close();
    const httpRefused = new HttpPools({ connectionsPerOrigin: 1, guard: { ...LOCAL, allowHttp: false } });
    const plain = await sendNotification(httpRefused, request(`http://127.0.0.1:${port}/`));
    await httpRefused.close();
    await close();
    for (const outcome of [literal, mapped, decimal]) {
      assert.equal(outcome.ok, false);
      assert.match(outcome.error ?? '', /is a loopback address; only public addresses are allowed/);
    }
    assert.match(plain.error ?? '', /http is not allowed/);
    assert.equal(hits, 0);
  });

  it('checks what a name resolves to on every new connection, so rebinding cannot bypass it', async () => {
    const answers = [['93.184.215.14'], ['127.0.0.1']];
    let calls = 0;
    const resolve = async () => answers[Math.min(calls++, answers.length - 1)] ?? [];
    // What a check at subscription time would have seen: a public address.
    const early = await resolve();
    assert.deepEqual(early, ['93.184.215.14']);
    const pools = new HttpPools({ connectionsPerOrigin: 1, guard: { ...PRODUCTION, resolve } });
    const outcome = await sendNotification(pools, request('https://rebind.test/hook'));
    await pools.close();
    assert.equal(calls, 2, 'resolved again at connect time');
    assert.equal(
      outcome.error,
      'I/O operation is failed. Details: [rebind.test resolves to 127.0.0.1, a loopback address; only public addresses are allowed]',
    );
  });
});

describe('sendNotification over TLS', () => {
  it('verifies certificates: trusted CA passes, self-signed fails with a certificate reason', async () => {
    const { key, cert } = await selfSignedCert('DNS:hooks.test,IP:127.0.0.1');
    const server = createHttpsServer({ key, cert }, (_req, res) => res.end('secure'));
    const { port, close } = await listen(server);
    // A name, resolved by the injected resolver, so SNI and the hostname check are exercised.
    const guard = { allowHttp: false, allowPrivate: true, resolve: async () => ['127.0.0.1'] };
    const trusting = new HttpPools({ connectionsPerOrigin: 1, guard, tls: { ca: cert } });
    const distrusting = new HttpPools({ connectionsPerOrigin: 1, guard });
    const good = await sendNotification(trusting, request(`https://hooks.test:${port}/`));
    const bad = await sendNotification(distrusting, request(`https://hooks.test:${port}/`));
    await Promise.all([trusting.close(), distrusting.close()]);
    await close();
    assert.equal(good.ok, true, good.error ?? '');
    assert.equal(good.responseSnippet, 'secure');
    assert.equal(bad.ok, false);
    assert.equal(
      bad.error,
      'I/O operation is failed. Details: [Certificate is not valid: DEPTH_ZERO_SELF_SIGNED_CERT]',
    );
  });
});
