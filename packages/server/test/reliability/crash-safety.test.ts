import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type ServerProcess, startServerProcess, waitForExit } from '../helpers/server-process.js';
import { waitFor } from '../helpers/wait-for.js';

const EVENTS = 3000;
const BATCH = 50;
const KILL_AFTER_DELIVERED = 800;
const PATH = '/restapi/v1.0/account/1001/extension/2001/message-store';

/** A minimal receiver counting every notification by the publisher's sequence number. */
async function countingReceiver() {
  const seen = new Map<number, number>();
  const server: Server = createServer((req, res) => {
    const token = req.headers['validation-token'];
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (token && chunks.length === 0) {
        res.writeHead(200, { 'validation-token': token, 'content-type': 'application/json' }).end();
        return;
      }
      const seq = JSON.parse(Buffer.concat(chunks).toString()).body.seq as number;
      seen.set(seq, (seen.get(seq) ?? 0) + 1);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { seen, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

test('SIGKILL mid-stream loses no acknowledged event', { timeout: 240_000 }, async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-crash-'));
  const receiver = await countingReceiver();
  const env = { SWITCHBOARD_LEASE_MS: '2000', SWITCHBOARD_POLL_INTERVAL_MS: '100' };
  let server: ServerProcess = await startServerProcess(dataDir, env);
  let restarted: Promise<void> = Promise.resolve();
  const acknowledged = new Set<number>();
  const post = (path: string, body: unknown) =>
    fetch(server.url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  try {
    const created = await post('/restapi/v1.0/subscription', {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/message-store'],
      deliveryMode: { transportType: 'WebHook', address: receiver.url },
    });
    assert.equal(created.status, 200);

    // A publisher like a real one: a batch not acknowledged is sent again, with the same
    // publisher ids, so a batch committed just before the kill is not duplicated.
    const publisher = (async () => {
      for (let start = 0; start < EVENTS; start += BATCH) {
        const events = Array.from({ length: BATCH }, (_, i) => ({
          id: `seq-${start + i}`,
          event: PATH,
          body: { seq: start + i, changes: [{ type: 'SMS', newCount: 1 }] },
        }));
        for (let tries = 0; ; tries++) {
          const res = await post('/v1/events', { events }).catch(() => null);
          if (res?.status === 202) break;
          assert.ok(tries < 50, 'publishing recovers after the restart');
          await restarted;
          await waitFor(() => server.child.exitCode === null, 'the restarted server');
        }
        for (const e of events) acknowledged.add(e.body.seq);
      }
    })();

    await waitFor(() => receiver.seen.size >= KILL_AFTER_DELIVERED, 'deliveries before the kill', 60_000);
    const inFlightAtKill = acknowledged.size - receiver.seen.size;
    server.child.kill('SIGKILL');
    restarted = waitForExit(server.child).then(async () => {
      server = await startServerProcess(dataDir, env);
    });
    await restarted;
    await publisher;

    const missing = () => [...acknowledged].filter((seq) => !receiver.seen.has(seq));
    await waitFor(() => missing().length === 0, 'every acknowledged event', 120_000).catch(() => undefined);

    const duplicates = [...receiver.seen.values()].reduce((sum, n) => sum + n - 1, 0);
    t.diagnostic(
      `published ${EVENTS}, acknowledged ${acknowledged.size}, queued but undelivered at the kill ~${inFlightAtKill}, ` +
        `delivered ${acknowledged.size - missing().length}, lost ${missing().length}, duplicates ${duplicates}`,
    );
    assert.equal(acknowledged.size, EVENTS);
    assert.deepEqual(missing(), [], 'every acknowledged event reached the receiver');
  } finally {
    server.child.kill('SIGTERM');
    await waitForExit(server.child);
    receiver.server.closeAllConnections();
    receiver.server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
