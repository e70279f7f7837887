import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { createExpressHandler } from '../../src/adapters/express.js';
import { createFastifyHandler, fastifyWebhook } from '../../src/adapters/fastify.js';
import { createFetchHandler } from '../../src/adapters/fetch.js';
import { createNodeHandler } from '../../src/adapters/node.js';
import type { WebhookHandlerOptions } from '../../src/create-webhook-handler.js';
import { serveFetch } from './fetch-bridge.js';

/** A receiver listening on 127.0.0.1, port 0, webhook route `/webhook`. */
export interface RunningReceiver {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface AdapterSetup {
  /** Put a JSON body parser in front of the webhook route, as many apps do by accident. */
  preParsed?: boolean;
}

export interface Adapter {
  name: string;
  /** Whether a body parsed by the framework reaches the adapter (fetch: the body is just gone). */
  keepsParsedBody: boolean;
  /** Headers the framework adds to every response by default. */
  defaultHeaders?: readonly string[];
  start(options: WebhookHandlerOptions, setup?: AdapterSetup): Promise<RunningReceiver>;
}

export const WEBHOOK_PATH = '/webhook';

/** Every adapter the package ships, each on a real server. */
export const ADAPTERS: readonly Adapter[] = [
  {
    name: 'node',
    keepsParsedBody: true,
    start: (options, setup) => {
      const handler = createNodeHandler(options);
      return listenNode(
        createServer(async (req, res) => {
          // What a Connect-style JSON middleware leaves behind: the stream read, `body` parsed.
          if (setup?.preParsed) {
            const text = await readText(req);
            Object.assign(req, { body: text ? JSON.parse(text) : {} });
          }
          await handler(req, res);
        }),
      );
    },
  },
  {
    name: 'express',
    keepsParsedBody: true,
    defaultHeaders: ['x-powered-by'],
    start: (options, setup) => {
      const app = express();
      if (setup?.preParsed) app.use(express.json());
      app.post(WEBHOOK_PATH, createExpressHandler(options));
      return listenNode(createServer(app));
    },
  },
  {
    name: 'express.raw',
    keepsParsedBody: true,
    defaultHeaders: ['x-powered-by'],
    start: (options, setup) => {
      const app = express();
      app.use(setup?.preParsed ? express.json() : express.raw({ type: () => true }));
      app.post(WEBHOOK_PATH, createExpressHandler(options));
      return listenNode(createServer(app));
    },
  },
  {
    name: 'fastify',
    keepsParsedBody: true,
    start: async (options, setup) => {
      const app = Fastify();
      if (setup?.preParsed) app.post(WEBHOOK_PATH, createFastifyHandler(options));
      else await app.register(fastifyWebhook, { ...options, path: WEBHOOK_PATH });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as AddressInfo).port;
      return { port, url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, close: () => app.close() };
    },
  },
  {
    name: 'fetch',
    keepsParsedBody: false,
    start: (options, setup) => {
      const handler = createFetchHandler(options);
      return listenNode(
        serveFetch(async (request) => {
          if (setup?.preParsed) await request.json();
          return handler(request);
        }),
      );
    },
  },
];

async function listenNode(server: Server): Promise<RunningReceiver> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function readText(stream: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
