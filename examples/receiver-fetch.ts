// A receiver for fetch-API runtimes. Bun: `bun examples/receiver-fetch.ts`; Deno and Cloudflare
// Workers: `export default` below. On Node: `npx tsx examples/receiver-fetch.ts` (via `start`).
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import type { WebhookHandlerOptions } from '@switchboard/receiver';
import { createFetchHandler } from '@switchboard/receiver/fetch';
import { exampleOptions, isMain, listen, type RunningExample } from './example-options.js';

const handle = createFetchHandler(exampleOptions());

/** Bun, Deno and Workers serve this object; `ctx.waitUntil` keeps ack-first processing alive. */
export default {
  fetch: (request: Request, _env?: unknown, ctx?: { waitUntil(promise: Promise<unknown>): void }) =>
    handle(request, ctx),
};

/** Node has no fetch-style server built in: bridge node:http to the handler. */
export function start(
  port: number,
  options: WebhookHandlerOptions = exampleOptions(),
): Promise<RunningExample> {
  const handler = createFetchHandler(options);
  const server = createServer(async (req, res) => {
    const body = req.method === 'GET' || req.method === 'HEAD' ? null : Readable.toWeb(req);
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([name, value]) =>
        [value ?? []].flat().map((item): [string, string] => [name, item]),
      ),
      body: body as ReadableStream<Uint8Array> | null,
      duplex: 'half',
    });
    const response = await handler(request);
    res.statusCode = response.status;
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return listen(server, port);
}

if (isMain(import.meta.url))
  console.log(`listening on ${(await start(Number(process.env.PORT ?? 3000))).port}`);
