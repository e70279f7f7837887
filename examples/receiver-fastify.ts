// A receiver in a Fastify app.  Run: VERIFICATION_TOKEN=… npx tsx examples/receiver-fastify.ts
import type { AddressInfo } from 'node:net';
import type { WebhookHandlerOptions } from '@switchboard/receiver';
import { fastifyWebhook } from '@switchboard/receiver/fastify';
import Fastify from 'fastify';
import { exampleHost, exampleOptions, isMain, type RunningExample } from './example-options.js';

export async function start(
  port: number,
  options: WebhookHandlerOptions = exampleOptions(),
): Promise<RunningExample> {
  const app = Fastify();
  // Registers POST /webhook with a raw-body parser in its own context; other routes keep JSON.
  await app.register(fastifyWebhook, { ...options, path: '/webhook' });
  await app.listen({ port, host: exampleHost() });
  return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
}

if (isMain(import.meta.url))
  console.log(`listening on ${(await start(Number(process.env.PORT ?? 3000))).port}`);
