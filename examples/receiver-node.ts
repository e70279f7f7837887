// A receiver on plain node:http.  Run: VERIFICATION_TOKEN=… npx tsx examples/receiver-node.ts
import { createServer } from 'node:http';
import type { WebhookHandlerOptions } from '@switchboard/receiver';
import { createNodeHandler } from '@switchboard/receiver/node';
import { exampleOptions, isMain, listen, type RunningExample } from './example-options.js';

export function start(
  port: number,
  options: WebhookHandlerOptions = exampleOptions(),
): Promise<RunningExample> {
  return listen(createServer(createNodeHandler(options)), port);
}

if (isMain(import.meta.url))
  console.log(`listening on ${(await start(Number(process.env.PORT ?? 3000))).port}`);
