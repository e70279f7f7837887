import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A receiver for load tests: answers handshakes, and records each notification's publisher
 * sequence number with the notification uuid, so a test can tell a redelivery (same uuid, the
 * at-least-once resend) from a second publication (a new uuid for the same event).
 */
export async function countingReceiver() {
  /** seq → uuids received for it, one entry per receipt. */
  const seen = new Map<number, string[]>();
  /** seq → when it was first received (Date.now()). */
  const firstAt = new Map<number, number>();
  const server: Server = createServer((req, res) => {
    const token = req.headers['validation-token'];
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (typeof token === 'string' && chunks.length === 0) {
        res.writeHead(200, { 'validation-token': token }).end();
        return;
      }
      const n = JSON.parse(Buffer.concat(chunks).toString()) as { uuid: string; body: { seq: number } };
      const uuids = seen.get(n.body.seq) ?? [];
      uuids.push(n.uuid);
      if (!firstAt.has(n.body.seq)) firstAt.set(n.body.seq, Date.now());
      seen.set(n.body.seq, uuids);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    seen,
    url,
    receivedAt: (seq: number): number => firstAt.get(seq) ?? Number.NaN,
    /** Receipts beyond the first, and how many of those carried a uuid not seen for that seq. */
    duplicates(): { resent: number; republished: number } {
      let resent = 0;
      let republished = 0;
      for (const uuids of seen.values()) {
        resent += uuids.length - 1;
        republished += new Set(uuids).size - 1;
      }
      return { resent, republished };
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
