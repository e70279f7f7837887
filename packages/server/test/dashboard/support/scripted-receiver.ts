import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver answers a notification: a status and a body (shown as the response snippet). */
export interface Answer {
  status: number;
  body?: string;
}

/**
 * A webhook receiver on 127.0.0.1, port 0, that echoes the Validation-Token handshake and answers
 * notifications as `answer` says, so a test can fail deliveries, let them succeed again, and put
 * hostile text into the attempt log.
 */
export class ScriptedReceiver {
  received = 0;
  answer: Answer = { status: 200 };
  readonly #server: Server;

  private constructor() {
    this.#server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const token = req.headers['validation-token'];
        if (typeof token === 'string') {
          res.writeHead(200, { 'Validation-Token': token }).end();
          return;
        }
        this.received += 1;
        res.writeHead(this.answer.status, { 'Content-Type': 'text/html' }).end(this.answer.body ?? '');
      });
    });
  }

  static async start(): Promise<ScriptedReceiver> {
    const receiver = new ScriptedReceiver();
    await new Promise<void>((resolve) => receiver.#server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/webhook`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
