import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Notification, type ReceiveOptions, receive } from '@switchboard/receiver';
import { type ForwardResult, forwardRequest } from './forward-request.js';

/** One notification as `listen` saw it: what came in, where it went, what Switchboard was told. */
export interface Exchange {
  receivedAt: Date;
  notification: Notification;
  /** The envelope exactly as sent (parsed from the raw body, not normalised). */
  raw: unknown;
  /** The request's headers and body bytes as they arrived (for `listen --record`). */
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  forward: ForwardResult | null;
  /** The status answered to Switchboard: the app's, or 200 when not forwarding. */
  answered: number;
}

export interface LocalReceiverOptions {
  port: number;
  verificationToken: string;
  forwardTo: URL | null;
  forwardTimeoutMs: number;
  onExchange(exchange: Exchange): void;
  /** A request that is not from this subscription (wrong token, not JSON, …). */
  onRefused(code: string, message: string): void;
}

/** Switchboard's bodies are a few KiB; this bounds what a stray client can make us buffer. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * The receiver `listen` subscribes on 127.0.0.1: it answers the handshake itself (the app may
 * not be running yet), checks the Verification-Token with the receiver package, forwards each
 * notification, and answers Switchboard with the app's status, so the app's failures are visible
 * and retried. Without an app it answers 200.
 */
export class LocalReceiver {
  readonly #server: Server;
  readonly #receiveOptions: ReceiveOptions;

  constructor(private readonly options: LocalReceiverOptions) {
    // Duplicates are shown and forwarded too: the app's own dedupe is what is being developed.
    this.#receiveOptions = {
      verificationToken: options.verificationToken,
      dedupe: false,
      maxBodyBytes: MAX_BODY_BYTES,
    };
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((err: Error) => {
        options.onRefused('internal_error', err.message);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  }

  /** Listens on 127.0.0.1 and returns the webhook address to subscribe. */
  async start(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.options.port, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/webhook`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === null) {
      this.options.onRefused('body_too_large', `a request body over ${MAX_BODY_BYTES} bytes`);
      res.writeHead(413).end();
      return;
    }
    const receivedAt = new Date();
    const result = await receive({ headers: req.headers, rawBody: body }, this.#receiveOptions);
    if (result.kind !== 'notification') {
      if (result.kind === 'error') this.options.onRefused(result.error.code, result.error.message);
      res.writeHead(result.response.status, result.response.headers).end(result.response.body);
      return;
    }
    const { forwardTo } = this.options;
    const forward = forwardTo
      ? await forwardRequest(forwardTo, req.headers, body, this.options.forwardTimeoutMs)
      : null;
    const answered =
      forward === null ? 200 : (forward.status ?? (forward.error?.startsWith('no answer') ? 504 : 502));
    res
      .writeHead(answered, forward?.retryAfter !== undefined ? { 'retry-after': forward.retryAfter } : {})
      .end();
    this.options.onExchange({
      receivedAt,
      notification: result.notification,
      raw: JSON.parse(body.toString('utf8')),
      headers: req.headers,
      rawBody: body,
      forward,
      answered,
    });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
