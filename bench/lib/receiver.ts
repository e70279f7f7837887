/**
 * A fast webhook receiver in its own process, so it never shares an event loop with the server
 * or the driver. Answers handshakes, counts notifications, and — when bodies carry `sentAt` —
 * records publish→received latency. Controlled over IPC: {cmd:'stats'|'reset'|'down'|'up'|'exit'}.
 * `HANG=1` makes it accept connections and never answer (the isolation scenario); `HANG_MATCH=<text>`
 * never answers (nor counts) the notifications whose body contains the text (one stuck key, scenario 10).
 * `STATUS=<code>` answers every notification with that status instead of 200 (a sick receiver).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const hang = process.env.HANG === '1';
const hangMatch = process.env.HANG_MATCH;
const status = Number(process.env.STATUS ?? 200);
let received = 0;
let latencies: number[] = [];
const uuids = new Set<string>();
let duplicates = 0;
const trackUuids = process.env.TRACK_UUIDS === '1';

const server = createServer((req, res) => {
  const token = req.headers['validation-token'];
  if (token) {
    req.resume();
    res.writeHead(200, { 'validation-token': token, 'content-type': 'application/json' }).end();
    return;
  }
  if (hang) {
    req.resume();
    return; // never answers
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString();
    if (hangMatch && text.includes(hangMatch)) return; // never answers
    received += 1;
    const sentAt = /"sentAt":(\d+(?:\.\d+)?)/.exec(text);
    if (sentAt) latencies.push(Date.now() - Number(sentAt[1]));
    if (trackUuids) {
      const uuid = /"uuid":"([^"]+)"/.exec(text)?.[1] ?? '';
      if (uuids.has(uuid)) duplicates += 1;
      else uuids.add(uuid);
    }
    res.writeHead(status).end();
  });
});
server.keepAliveTimeout = 60_000;

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
});

process.on('message', (m: { cmd: string }) => {
  if (m.cmd === 'stats') process.send?.({ type: 'stats', received, latencies, duplicates });
  if (m.cmd === 'reset') {
    received = 0;
    latencies = [];
    duplicates = 0;
    uuids.clear();
    process.send?.({ type: 'reset' });
  }
  if (m.cmd === 'exit') process.exit(0);
});
