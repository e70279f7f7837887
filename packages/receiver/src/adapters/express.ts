import type { WebhookHandlerOptions } from '../create-webhook-handler.js';
import { createNodeHandler, type NodeWebhookHandler } from './node.js';

/** An Express (4 or 5) route handler. */
export type ExpressWebhookHandler = NodeWebhookHandler;

/**
 * An Express route handler. It needs the raw body, and gets it in any of these setups:
 * - no body parser on the route (it reads the stream itself): recommended;
 * - `express.raw({ type: () => true })` or `express.text(...)` on the route;
 * - `express.json()` before it: the bytes are gone, so with a `signingSecret` every request
 *   fails with `raw_body_unavailable` (500; signatures are over the exact bytes and a parsed
 *   body is never re-serialised). Without a `signingSecret` the parsed body is used as it is.
 *
 * Express adds `X-Powered-By` to every response unless `app.disable('x-powered-by')`; helmet,
 * CORS or session middleware mounted before this route add more headers. RingCentral refuses a
 * handshake response over 1024 bytes (ringcentral-protocol.md §4.3), so mount the webhook
 * route before such middleware.
 *
 * @example
 * import express from 'express';
 * import { createExpressHandler } from '@switchboard/receiver/express';
 *
 * const app = express();
 * app.post('/webhook', createExpressHandler({ onNotification: (n) => console.log(n.event) }));
 * app.use(express.json()); // parsers for your other routes come after
 * app.listen(3000);
 */
export function createExpressHandler(options: WebhookHandlerOptions): ExpressWebhookHandler {
  // Express's request and response are Node's, extended; the Node handler reads `req.body` and
  // `req.rawBody` when middleware kept them, answers every request itself and never rejects,
  // so it is the whole adapter and `next` is never called.
  return createNodeHandler(options);
}
