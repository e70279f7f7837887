// A receiver in an Express app.  Run: VERIFICATION_TOKEN=… npx tsx examples/receiver-express.ts
import { createServer } from 'node:http';
import type { WebhookHandlerOptions } from '@switchboard/receiver';
import { createExpressHandler } from '@switchboard/receiver/express';
import express from 'express';
import { exampleOptions, isMain, listen, type RunningExample } from './example-options.js';

export function start(
  port: number,
  options: WebhookHandlerOptions = exampleOptions(),
): Promise<RunningExample> {
  const app = express();
  app.disable('x-powered-by'); // every byte counts: RingCentral caps the handshake response at 1024
  // The webhook route first: it reads the raw body itself, before any JSON parser.
  app.post('/webhook', createExpressHandler(options));
  app.use(express.json()); // for the app's other routes
  return listen(createServer(app), port);
}

if (isMain(import.meta.url))
  console.log(`listening on ${(await start(Number(process.env.PORT ?? 3000))).port}`);
