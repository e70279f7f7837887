import type { ServerResponse } from 'node:http';
import { createWebhookHandler, type WebhookHandlerOptions } from '../create-webhook-handler.js';
import { DEFAULT_MAX_BODY_BYTES } from '../receive-options.js';
import { processingFailedResponse } from '../webhook-response.js';
import { type NodeRequest, nodeWebhookRequest } from './node-webhook-request.js';
import { writeNodeResponse } from './write-node-response.js';

/** A `node:http` request listener; also usable as Connect-style middleware. */
export type NodeWebhookHandler = (request: NodeRequest, response: ServerResponse) => Promise<void>;

/**
 * A `node:http` request handler that answers the handshake and passes each verified,
 * deduplicated notification to `onNotification`. Mount it on the webhook URL only, and before
 * any body parser (it reads the raw body itself; see the README on parsed bodies).
 *
 * @example
 * import { createServer } from 'node:http';
 * import { createNodeHandler } from '@switchboard/receiver/node';
 *
 * createServer(
 *   createNodeHandler({
 *     verificationToken: process.env.VERIFICATION_TOKEN,
 *     onNotification: (notification) => console.log(notification.event),
 *   }),
 * ).listen(3000);
 */
export function createNodeHandler(options: WebhookHandlerOptions): NodeWebhookHandler {
  const handle = createWebhookHandler(options);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (request, response) => {
    let webhookRequest: Awaited<ReturnType<typeof nodeWebhookRequest>>;
    try {
      webhookRequest = await nodeWebhookRequest(request, maxBodyBytes);
    } catch {
      // The client went away while sending its body: there is nobody to answer.
      return;
    }
    try {
      writeNodeResponse(response, await handle(webhookRequest));
    } catch {
      // A dedupe store or options problem: 500, so a sender that retries tries again later.
      writeNodeResponse(response, processingFailedResponse());
    }
  };
}
