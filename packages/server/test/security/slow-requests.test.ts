import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness } from '../api/harness.js';

/**
 * Finding 9 of docs/reliability.md (slowloris): request bodies had no time limit — Fastify's `requestTimeout`
 * 0 overrode Node's — so 100 anonymous sockets trickling a body, already answered 401, were still
 * open at 130 s; and there was no connection cap. Now `requestTimeoutMs`, `headersTimeoutMs` and
 * `maxConnections` bound them (docs/configuration.md). The limits are set small here so the
 * server closes the sockets within seconds; each wait below ends on the server's close, bounded.
 */
const LIMITS = { requestTimeoutMs: 1500, headersTimeoutMs: 1000, maxConnections: 30 };
/** How long the server may take to close a socket past its limit (it checks every ≤ 1 s). */
const GRACE_MS = 6000;

describe('slow clients and too many connections', () => {
  let h: Harness;
  let port: number;
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];

  before(async () => {
    h = await createHarness({ config: LIMITS });
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    const address = h.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  after(async () => {
    for (const timer of timers) clearInterval(timer);
    for (const socket of sockets) socket.destroy();
    await h.close();
  });

  /** A socket that sends `head` and then one byte every 100 ms, forever. */
  function trickle(head: string, byte: string): Promise<Socket> {
    return new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.write(head);
        const timer = setInterval(() => socket.writable && socket.write(byte), 100);
        timers.push(timer);
        socket.once('close', () => clearInterval(timer));
        resolve(socket);
      });
      socket.on('error', () => {});
      socket.resume();
      sockets.push(socket);
    });
  }

  /** Resolves with how many of `group` the server closed within `ms`. */
  function closedWithin(group: Socket[], ms: number): Promise<number> {
    return new Promise((resolve) => {
      let closed = 0;
      const done = () => {
        clearTimeout(timer);
        resolve(closed);
      };
      const timer = setTimeout(done, ms);
      for (const socket of group) {
        if (socket.destroyed) closed++;
        else
          socket.once('close', () => {
            closed++;
            if (closed === group.length) done();
          });
      }
      if (closed === group.length) done();
    });
  }

  it('anonymous requests trickling a body are cut off after requestTimeoutMs', async () => {
    const head =
      'POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{';
    const group = await Promise.all(Array.from({ length: 20 }, () => trickle(head, ' ')));
    const closed = await closedWithin(group, LIMITS.requestTimeoutMs + GRACE_MS);
    assert.equal(closed, group.length, `${closed} of ${group.length} trickling sockets closed by the server`);
  });

  it('headers sent a byte at a time are cut off after headersTimeoutMs', async () => {
    const group = await Promise.all(
      Array.from({ length: 10 }, () => trickle('GET /healthz HTTP/1.1\r\nX-Slow: ', 'a')),
    );
    const closed = await closedWithin(group, LIMITS.headersTimeoutMs + GRACE_MS);
    assert.equal(closed, group.length);
  });

  it(`at most maxConnections (${LIMITS.maxConnections}) connections are held; the rest are dropped`, async () => {
    let dropped = 0;
    h.app.server.on('drop', () => {
      dropped++;
    });
    const idle = await Promise.all(
      Array.from({ length: LIMITS.maxConnections + 5 }, () =>
        trickle('GET /healthz HTTP/1.1\r\nX-Slow: ', ''),
      ),
    );
    const closedAtOnce = await closedWithin(idle, 500);
    assert.ok(dropped >= 5, `${dropped} connections dropped`);
    assert.ok(closedAtOnce >= 5, `${closedAtOnce} closed at once`);
    for (const socket of idle) socket.destroy();
  });

  it('after all that, the server still answers', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(res.status, 200);
  });
});
