import type { ServerResponse } from 'node:http';
import type { WebhookResponse } from '../webhook-response.js';

/**
 * Writes the response as it is: no headers besides Node's own (Date, Connection, Keep-Alive,
 * Content-Length). Headers are set one by one rather than with `writeHead`, so that Node still
 * knows the body when it writes the head and sends `Content-Length: 0` for an empty body
 * instead of chunked encoding.
 */
export function writeNodeResponse(response: ServerResponse, webhookResponse: WebhookResponse): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.statusCode = webhookResponse.status;
  for (const [name, value] of Object.entries(webhookResponse.headers)) response.setHeader(name, value);
  response.end(webhookResponse.body);
}
