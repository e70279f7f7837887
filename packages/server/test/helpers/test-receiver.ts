import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Notification, receive } from '@switchboard/receiver';

export interface ReceivedNotification {
  headers: IncomingHttpHeaders;
  rawBody: string;
  notification: Notification;
}

/** How the receiver answers a notification; by default 200. */
export type Responder = (
  n: Notification,
  index: number,
) => { status: number; headers?: Record<string, string> };

/**
 * A real receiver on 127.0.0.1, port 0, built from the receiver package: it answers handshakes,
 * checks the Verification-Token and records every notification (duplicates included, so tests can
 * count them). Behaviour is scripted by `respond` and `handshake`.
 */
export class TestReceiver {
  readonly received: ReceivedNotification[] = [];
  handshakes = 0;
  respond: Responder = () => ({ status: 200 });
  /** While set, notifications are recorded at once but answered only when it resolves. */
  gate: Promise<void> | null = null;
  /** 'echo' answers handshakes properly; 'refuse' answers 503 to them. */
  handshake: 'echo' | 'refuse' = 'echo';
  private readonly server: Server;
  private readonly options: { verificationToken?: string; dedupe: false };

  private constructor(verificationToken: string | undefined) {
    this.options = { dedupe: false, ...(verificationToken ? { verificationToken } : {}) };
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.handle(req.headers, Buffer.concat(chunks), res));
    });
  }

  static async start(options: { verificationToken?: string } = {}): Promise<TestReceiver> {
    const r = new TestReceiver(options.verificationToken);
    await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
    return r;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook`;
  }

  /** Distinct notification uuids received. */
  uuids(): Set<string> {
    return new Set(this.received.map((r) => r.notification.uuid));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(headers: IncomingHttpHeaders, body: Buffer, res: import('node:http').ServerResponse) {
    const result = await receive({ headers, rawBody: body }, this.options);
    if (result.kind === 'handshake') {
      this.handshakes += 1;
      if (this.handshake === 'refuse') {
        res.writeHead(503).end();
        return;
      }
    }
    if (result.kind === 'notification') {
      const index = this.received.length;
      this.received.push({ headers, rawBody: body.toString('utf8'), notification: result.notification });
      const answer = this.respond(result.notification, index);
      if (this.gate) await this.gate;
      res.writeHead(answer.status, answer.headers ?? {}).end();
      return;
    }
    res.writeHead(result.response.status, result.response.headers).end(result.response.body);
  }
}
