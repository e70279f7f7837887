import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { socketOwners } from './socket-owner.js';

interface Connection {
  clientPort: number;
  /** The server process that opened it, once looked up. */
  node: string | null;
  notifications: number;
}

/**
 * Minimal node:http receivers (no receiver library: as little CPU as possible on a 2-core box)
 * that answer handshakes and count every notification by uuid, by the publisher's sequence number
 * and by the server process that sent it. Which process opened a connection is looked up in
 * batches off the request path (socket-owner.ts), every 200 ms while new connections arrive.
 */
export class CountingReceivers {
  readonly byUuid = new Map<string, number>();
  /** sequence → the distinct uuids it arrived under (more than one would mean a double publish). */
  readonly bySeq = new Map<number, Set<string>>();
  received = 0;
  lastAt = 0;
  private readonly servers: Server[] = [];
  private readonly connections = new Map<Socket, Connection>();
  private readonly unresolved = new Set<Connection>();
  private readonly timer: NodeJS.Timeout;
  private lookup: Promise<void> = Promise.resolve();

  private constructor(private readonly nodeOf: () => Map<number, string>) {
    this.timer = setInterval(() => void this.resolveNodes(), 200);
  }

  /** `nodeOf` maps the pids of the server processes to their names, as they are now. */
  static async start(count: number, nodeOf: () => Map<number, string>): Promise<CountingReceivers> {
    const r = new CountingReceivers(nodeOf);
    for (let i = 0; i < count; i++) r.servers.push(await r.listen());
    return r;
  }

  urls(): string[] {
    return this.servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/hook`);
  }

  /** Notifications received beyond the first for their uuid. */
  duplicates(): number {
    let n = 0;
    for (const count of this.byUuid.values()) n += count - 1;
    return n;
  }

  /** Notifications by the node that sent them (`unknown`: its connection closed before the lookup). */
  async byNode(): Promise<Map<string, number>> {
    await this.resolveNodes();
    const counts = new Map<string, number>();
    for (const c of this.connections.values()) {
      const node = c.node ?? 'unknown';
      counts.set(node, (counts.get(node) ?? 0) + c.notifications);
    }
    return counts;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.lookup;
    for (const s of this.servers) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  }

  private resolveNodes(): Promise<void> {
    this.lookup = this.lookup.then(async () => {
      if (this.unresolved.size === 0) return;
      const names = this.nodeOf();
      const ports = new Set(this.servers.map((s) => (s.address() as AddressInfo).port));
      const owners = await socketOwners(ports, [...names.keys()]);
      for (const c of this.unresolved) {
        const pid = owners.get(c.clientPort);
        c.node = pid === undefined ? null : (names.get(pid) ?? null);
        if (c.node) this.unresolved.delete(c);
      }
    });
    return this.lookup;
  }

  private async listen(): Promise<Server> {
    const server = createServer((req, res) => {
      const token = req.headers['validation-token'];
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (typeof token === 'string' && chunks.length === 0) {
          res.writeHead(200, { 'validation-token': token }).end();
          return;
        }
        this.count(req.socket, JSON.parse(Buffer.concat(chunks).toString()));
        res.writeHead(200).end();
      });
    });
    server.on('connection', (socket: Socket) => {
      const c: Connection = { clientPort: socket.remotePort ?? 0, node: null, notifications: 0 };
      this.connections.set(socket, c);
      this.unresolved.add(c);
      // A closed connection can no longer be looked up: it stays `unknown`.
      socket.once('close', () => this.unresolved.delete(c));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  private count(socket: Socket, n: { uuid: string; body: { seq: number } }): void {
    this.received += 1;
    this.lastAt = performance.now();
    this.byUuid.set(n.uuid, (this.byUuid.get(n.uuid) ?? 0) + 1);
    const uuids = this.bySeq.get(n.body.seq) ?? new Set<string>();
    uuids.add(n.uuid);
    this.bySeq.set(n.body.seq, uuids);
    const c = this.connections.get(socket);
    if (c) c.notifications += 1;
  }
}
