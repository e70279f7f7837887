import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type ServerProcess, startServerProcess, waitForExit } from '../helpers/server-process.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * Large events to hung receivers must not exhaust memory, nor crash-loop a restart on the same
 * data (docs/reliability.md "Memory bounded in bytes"), at small scale: a real server process
 * with a 256 MB heap, 30 subscriptions to a receiver that never answers, 10 publishes of 4.9 MB
 * (1.5 GB if every delivery and attempt held its own copy). Before bodies were shared and
 * bounded in bytes, the same run needed gigabytes and died.
 */

const SUBSCRIPTIONS = 30;
const PUBLISHES = 10;
const BODY_CHARS = 4_900_000;
const HEAP_MB = 256;
const PATH = '/restapi/v1.0/account/1001/extension/2001/presence';

/** Answers handshakes; holds every notification open without reading it. */
async function hungReceiver() {
  const held: ServerResponse[] = [];
  let notifications = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const token = req.headers['validation-token'];
    if (typeof token === 'string') {
      req.resume();
      res.writeHead(200, { 'validation-token': token }).end();
      return;
    }
    notifications += 1;
    held.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    notifications: () => notifications,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Peak resident memory of a process, in MB (Linux). */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return Number(line?.[1] ?? 0) / 1024;
}

test('4.9 MB events to 30 hung subscriptions stay inside a 256 MB heap, and a restart serves', {
  timeout: 180_000,
}, async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-memory-'));
  const receiver = await hungReceiver();
  const env = {
    NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}`,
    SWITCHBOARD_DELIVERY_TIMEOUT_MS: '1000',
    SWITCHBOARD_LEASE_MS: '3000',
  };
  let server: ServerProcess | null = null;
  const call = (s: ServerProcess, method: string, path: string, body?: unknown) =>
    fetch(s.url + path, {
      method,
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const alive = (s: ServerProcess) => s.child.exitCode === null && s.child.signalCode === null;
  try {
    server = await startServerProcess(dataDir, env);
    const first = server;
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const res = await call(first, 'POST', '/restapi/v1.0/subscription', {
        eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
        deliveryMode: { transportType: 'WebHook', address: receiver.url },
      });
      assert.equal(res.status, 200);
      await res.arrayBuffer();
    }
    const big = 'x'.repeat(BODY_CHARS);
    for (let seq = 0; seq < PUBLISHES; seq++) {
      const res = await call(first, 'POST', '/v1/events', { event: PATH, body: { seq, big } });
      const text = await res.text();
      assert.equal(res.status, 202, text);
      assert.equal(JSON.parse(text).events[0].matched, SUBSCRIPTIONS);
    }
    // Attempts to every subscription time out (1 s each) and retry while everything stays queued.
    await waitFor(() => receiver.notifications() >= 48 || !alive(first), 'three waves of attempts', 60_000);
    assert.ok(alive(first), `the server died:\n${first.output().slice(-2000)}`);
    const peakFirst = peakRssMb(first.child.pid ?? 0);
    first.child.kill('SIGKILL');
    await waitForExit(first.child);

    // A restart on the same data: 300 deliveries of 4.9 MB queued, nothing new coming in.
    const before = receiver.notifications();
    server = await startServerProcess(dataDir, env);
    const second = server;
    assert.equal((await call(second, 'GET', '/readyz')).status, 200);
    await waitFor(
      () => receiver.notifications() >= before + 32 || !alive(second),
      'the restarted server to work through its backlog',
      60_000,
    );
    assert.ok(alive(second), `the restarted server died:\n${second.output().slice(-2000)}`);
    const listed = await call(second, 'GET', '/v1/subscriptions');
    assert.equal(listed.status, 200, 'and it serves');
    const { records } = (await listed.json()) as { records: Array<{ deliveries: { pending: number } }> };
    const pending = records.reduce((n, r) => n + r.deliveries.pending, 0);
    assert.equal(pending, SUBSCRIPTIONS * PUBLISHES, 'every delivery still queued, none lost');
    t.diagnostic(
      `${PUBLISHES} × ${(BODY_CHARS / 1e6).toFixed(1)} MB to ${SUBSCRIPTIONS} hung subscriptions, heap limit ${HEAP_MB} MB: ` +
        `peak RSS ${peakFirst.toFixed(0)} MB, after a restart ${peakRssMb(second.child.pid ?? 0).toFixed(0)} MB; ` +
        `${receiver.notifications()} attempts reached the receiver; both processes alive and serving`,
    );
  } finally {
    if (server && alive(server)) {
      server.child.kill('SIGKILL');
      await waitForExit(server.child);
    }
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
