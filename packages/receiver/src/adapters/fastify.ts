import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createWebhookHandler, type WebhookHandlerOptions } from '../create-webhook-handler.js';
import { DEFAULT_MAX_BODY_BYTES } from '../receive-options.js';
import type { WebhookRequest } from '../webhook-request.js';
import { keptRawBody } from './kept-raw-body.js';
import { readStreamBody } from './read-stream-body.js';

/** A Fastify route handler. */
export type FastifyWebhookHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/** Options of the `fastifyWebhook` plugin: the handler's, plus the route's path. */
export interface FastifyWebhookOptions extends WebhookHandlerOptions {
  /** Route path, relative to the plugin's prefix. Default `/`. */
  path?: string;
}

/**
 * A Fastify plugin that registers `POST path` with a body parser that keeps the raw bytes,
 * in its own encapsulated context, so your other routes keep Fastify's JSON parser. Fastify's
 * JSON parser would refuse the handshake (an empty body with `Content-Type: application/json`)
 * and lose the bytes signatures are computed over.
 *
 * @example
 * import Fastify from 'fastify';
 * import { fastifyWebhook } from '@switchboard/receiver/fastify';
 *
 * const app = Fastify();
 * await app.register(fastifyWebhook, {
 *   path: '/webhook',
 *   verificationToken: process.env.VERIFICATION_TOKEN,
 *   onNotification: (notification) => app.log.info({ event: notification.event }),
 * });
 * await app.listen({ port: 3000 });
 */
export const fastifyWebhook: FastifyPluginAsync<FastifyWebhookOptions> = async (fastify, options) => {
  const { path = '/', ...handlerOptions } = options;
  const maxBodyBytes = handlerOptions.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  fastify.removeAllContentTypeParsers();
  // Our own reading, not `parseAs: 'buffer'`: Fastify would answer an oversized body with its
  // own error, bypassing onError; receive() refuses it with 413 like every other adapter.
  fastify.addContentTypeParser('*', (_request: FastifyRequest, payload: IncomingMessage) =>
    readStreamBody(payload, maxBodyBytes),
  );
  fastify.post(path, createFastifyHandler(handlerOptions));
};

/**
 * A Fastify route handler, for routes you register yourself. It takes the raw bytes from
 * `request.rawBody` (e.g. the `fastify-raw-body` plugin) or from a Buffer or string body (a
 * raw content-type parser). Under Fastify's default JSON parser only the parsed body is left:
 * see `createExpressHandler` for what that allows, and note that the parser itself refuses the
 * handshake's empty JSON body. Prefer the `fastifyWebhook` plugin.
 *
 * @example
 * app.post('/webhook', { config: { rawBody: true } }, createFastifyHandler({ onNotification }));
 */
export function createFastifyHandler(options: WebhookHandlerOptions): FastifyWebhookHandler {
  const handle = createWebhookHandler(options);
  return async (request, reply) => {
    const response = await handle(fastifyWebhookRequest(request));
    reply.code(response.status).headers(response.headers);
    // Bytes, not a string: for a string Fastify adds `text/plain` or `; charset=utf-8`.
    return response.body === '' ? reply.send() : reply.send(Buffer.from(response.body));
  };
}

function fastifyWebhookRequest(request: FastifyRequest): WebhookRequest {
  const headers = request.headers;
  const kept = keptRawBody((request as { rawBody?: unknown }).rawBody) ?? keptRawBody(request.body);
  if (kept !== undefined) return { headers, rawBody: kept };
  if (request.body !== undefined && request.body !== null) return { headers, parsedBody: request.body };
  return { headers };
}
