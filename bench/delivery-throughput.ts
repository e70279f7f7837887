/**
 * First throughput figure (issue 3): deliveries per second from a real server (SQLite file, the
 * dispatcher loop, HTTP on loopback) to a minimal node:http receiver, against the same machine's
 * raw undici POST rate to that receiver in the same run. The full benchmark suite is issue 6.
 *
 *   node --import tsx bench/delivery-throughput.ts [events] [fanout]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Pool } from 'undici';
import { createApp } from '../packages/server/src/app.js';
import { resolveConfig } from '../packages/server/src/config.js';

const EVENTS = Number(process.argv[2] ?? 20_000);
const FANOUT = Number(process.argv[3] ?? 1);
const BATCH = 500;

async function main() {
  let received = 0;
  const receiver = createServer((req, res) => {
    const token = req.headers['validation-token'];
    req.resume();
    req.on('end', () => {
      if (token) res.writeHead(200, { 'validation-token': token }).end();
      else {
        received += 1;
        res.writeHead(200).end();
      }
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  // (1) the limit: raw undici POSTs of a ~1 KB notification, 64 in flight.
  const body = JSON.stringify({
    uuid: 'x',
    event: '/e',
    timestamp: new Date().toISOString(),
    body: { pad: 'p'.repeat(900) },
  });
  const pool = new Pool(target, { connections: 16 });
  const rawCount = 20_000;
  let sent = 0;
  const rawStart = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (sent < rawCount) {
        sent += 1;
        const r = await pool.request({
          path: '/hook',
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        });
        await r.body.dump();
      }
    }),
  );
  const rawRate = rawCount / ((performance.now() - rawStart) / 1000);
  await pool.close();
  received = 0;

  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const config = resolveConfig({ flags: { port: 0, dataDir, pollIntervalMs: 50 } });
  const app = await createApp({ config, logger: pino({ level: 'warn' }) });
  const base = await app.start();
  const auth = { authorization: `Bearer ${app.createdAdminToken}`, 'content-type': 'application/json' };
  for (let i = 0; i < FANOUT; i++) {
    const res = await fetch(`${base}/restapi/v1.0/subscription`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
        deliveryMode: { transportType: 'WebHook', address: `${target}/hook`, verificationToken: 'bench' },
      }),
    });
    if (res.status !== 200) throw new Error(`subscription create failed: ${res.status} ${await res.text()}`);
  }
  const expected = EVENTS * FANOUT;
  const start = performance.now();
  for (let i = 0; i < EVENTS; i += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, EVENTS - i) }, (_, k) => ({
      event: '/restapi/v1.0/account/1001/extension/2001/presence',
      body: { sequence: i + k, presenceStatus: 'Busy', pad: 'p'.repeat(700) },
    }));
    const res = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ events }),
    });
    if (res.status !== 202) throw new Error(`publish failed: ${res.status}`);
  }
  const published = performance.now();
  while (received < expected) await new Promise((r) => setTimeout(r, 10));
  const seconds = (performance.now() - start) / 1000;
  const rate = expected / seconds;
  console.log(
    JSON.stringify(
      {
        events: EVENTS,
        fanout: FANOUT,
        deliveries: expected,
        publishSeconds: +((published - start) / 1000).toFixed(2),
        totalSeconds: +seconds.toFixed(2),
        deliveriesPerSecond: Math.round(rate),
        rawUndiciPerSecond: Math.round(rawRate),
        ratio: +(rate / rawRate).toFixed(3),
      },
      null,
      2,
    ),
  );
  await app.stop();
  receiver.close();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
