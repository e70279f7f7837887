import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Notification, type ReceiveOptions, receive } from '@switchboard/receiver';

export interface AppRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The receiver package's verdict: a verified notification, or why not. */
  verified: boolean;
  error?: string;
  notification?: Notification;
  answered: number;
}

/**
 * The developer's app behind `listen --forward-to`: it verifies every request with the receiver
 * package, the Verification-Token AND the Standard Webhooks signature (set with `trust` once
 * `listen` has printed them), then answers with `status` (200 unless a test changes it).
 */
export class VerifyingApp {
  readonly requests: AppRequest[] = [];
  status = 200;
  #options: ReceiveOptions | null = null;
  readonly #server: Server;

  private constructor() {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const body = Buffer.concat(chunks);
        const record: AppRequest = {
          headers: req.headers,
          rawBody: body.toString('utf8'),
          verified: false,
          answered: 401,
        };
        if (!this.#options) {
          record.error = 'no secrets yet';
        } else {
          const result = await receive({ headers: req.headers, rawBody: body }, this.#options);
          if (result.kind === 'notification') {
            record.verified = true;
            record.notification = result.notification;
            record.answered = this.status;
          } else if (result.kind === 'error') {
            record.error = result.error.code;
          }
        }
        this.requests.push(record);
        res.writeHead(record.answered).end();
      });
    });
  }

  static async start(): Promise<VerifyingApp> {
    const app = new VerifyingApp();
    await new Promise<void>((resolve) => app.#server.listen(0, '127.0.0.1', resolve));
    return app;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/webhook`;
  }

  /** Verify with these from now on (both required: the receiver refuses requests without them). */
  trust(verificationToken: string, signingSecret: string): void {
    this.#options = { verificationToken, signingSecret, dedupe: false };
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
