import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A receiver that can really go down — its port closed, connections refused — and come back on
 * the same port. It answers handshakes and records every notification it gets (duplicates
 * included), so a test can check what arrived after the outage.
 */
export class RestartableReceiver {
  /** Every notification received, in order: uuid and the publisher's body. */
  readonly received: Array<{ uuid: string; body: Record<string, unknown> }> = [];
  handshakes = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  static async start(): Promise<RestartableReceiver> {
    const receiver = new RestartableReceiver();
    await receiver.up();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/webhook`;
  }

  /** Listens again, on the same port as before. */
  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const token = req.headers['validation-token'];
        if (typeof token === 'string') {
          this.handshakes++;
          res.writeHead(200, { 'validation-token': token }).end();
          return;
        }
        const n = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          uuid: string;
          body: Record<string, unknown>;
        };
        this.received.push({ uuid: n.uuid, body: n.body });
        res.writeHead(200).end();
      });
    });
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Closes the port and every open connection: from now on, connecting is refused. */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  uuids(): Set<string> {
    return new Set(this.received.map((r) => r.uuid));
  }
}
