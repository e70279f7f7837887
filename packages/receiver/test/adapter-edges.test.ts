// Adapter behaviour the scenario table cannot reach over a well-behaved HTTP client: bodies
// without a Content-Length, aborted uploads, consumed bodies, failing stores, kept raw bodies.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import express from 'express';
import Fastify from 'fastify';
import { createExpressHandler } from '../src/adapters/express.js';
import { createFastifyHandler } from '../src/adapters/fastify.js';
import { createFetchHandler } from '../src/adapters/fetch.js';
import { createNodeHandler } from '../src/adapters/node.js';
import type { DedupeStore } from '../src/dedupe/dedupe-store.js';
import { Recorder } from './support/recorder.js';
import { envelopeJson, NEW_SECRET, NOW_MS, notificationRequest, send, UUID } from './support/requests.js';

const failingStore: DedupeStore = {
  checkAndRemember: () => Promise.reject(new Error('redis down')),
  forget: () => {},
};

async function listen(server: Server): Promise<{ port: number; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/** POSTs `chunks` with chunked encoding (no Content-Length); resolves with status and body. */
function postChunked(port: number, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: '/webhook' }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('node adapter', () => {
  test('a chunked body over the limit is refused with 413; chunked bodies within it are read', async () => {
    const recorder = new Recorder();
    const server = await listen(createServer(createNodeHandler({ ...recorder, maxBodyBytes: 1000 })));
    try {
      const oversized = await postChunked(server.port, ['x'.repeat(600), 'x'.repeat(600), 'x'.repeat(600)]);
      assert.deepEqual(oversized, { status: 413, body: '{"error":"body_too_large"}' });
      const json = envelopeJson();
      const ok = await postChunked(server.port, [json.slice(0, 10), json.slice(10)]);
      assert.equal(ok.status, 200);
      await recorder.processedCount(1);
    } finally {
      await server.close();
    }
  });

  test('an upload the client aborts gets no answer and breaks nothing', async () => {
    const recorder = new Recorder();
    const handler = createNodeHandler({ ...recorder, mode: 'process-then-answer' });
    const started = deferred();
    const handled = deferred();
    const server = await listen(
      createServer((req, res) => {
        started.resolve();
        void handler(req, res).then(handled.resolve);
      }),
    );
    try {
      const req = httpRequest({
        port: server.port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/webhook',
        headers: { 'content-length': '100' },
      });
      req.on('error', () => {});
      req.write('{"uuid":');
      await started.promise;
      req.destroy();
      await handled.promise;
      assert.equal(recorder.processed.length, 0);
      const after = await send(`http://127.0.0.1:${server.port}/webhook`, await notificationRequest());
      assert.equal(after.status, 200);
    } finally {
      await server.close();
    }
  });

  test('a failing dedupe store answers 500 so the sender retries', async () => {
    const server = await listen(
      createServer(createNodeHandler({ onNotification: () => {}, dedupe: failingStore })),
    );
    try {
      const response = await send(`http://127.0.0.1:${server.port}/webhook`, await notificationRequest());
      assert.deepEqual([response.status, response.body], [500, '{"error":"processing_failed"}']);
    } finally {
      await server.close();
    }
  });

  test('a body read by other code without leaving `body` answers raw_body_unavailable', async () => {
    const handler = createNodeHandler({ onNotification: () => {} });
    const server = await listen(
      createServer((req, res) => {
        req.resume().on('end', () => void handler(req, res));
      }),
    );
    try {
      const response = await send(`http://127.0.0.1:${server.port}/webhook`, await notificationRequest());
      assert.deepEqual([response.status, response.body], [500, '{"error":"raw_body_unavailable"}']);
    } finally {
      await server.close();
    }
  });

  test('if other code already sent the head, the response is just ended', async () => {
    const handler = createNodeHandler({ onNotification: () => {} });
    const server = await listen(
      createServer((req, res) => {
        res.writeHead(202).flushHeaders();
        void handler(req, res);
      }),
    );
    try {
      const response = await send(`http://127.0.0.1:${server.port}/webhook`, await notificationRequest());
      assert.equal(response.status, 202);
    } finally {
      await server.close();
    }
  });
});

describe('express adapter', () => {
  test('express.text() keeps the text: signatures verify over it', async () => {
    const recorder = new Recorder();
    const app = express();
    app.use(express.text({ type: () => true }));
    app.post('/webhook', createExpressHandler({ ...recorder, signingSecret: NEW_SECRET, now: () => NOW_MS }));
    const server = await listen(createServer(app));
    try {
      const request = await notificationRequest({
        secrets: [NEW_SECRET],
        body: envelopeJson({ event: '/ünïcode' }),
      });
      const response = await send(`http://127.0.0.1:${server.port}/webhook`, request);
      assert.equal(response.status, 200);
      await recorder.processedCount(1);
    } finally {
      await server.close();
    }
  });
});

describe('fastify adapter', () => {
  test('createFastifyHandler takes request.rawBody when a plugin kept it', async () => {
    const recorder = new Recorder();
    const app = Fastify();
    // What fastify-raw-body does: keep the bytes as request.rawBody next to the parsed body.
    app.addHook('preParsing', async (request, _reply, payload) => {
      const chunks: Buffer[] = [];
      for await (const chunk of payload) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks);
      Object.assign(request, { rawBody: raw });
      const { Readable } = await import('node:stream');
      return Readable.from([raw]);
    });
    app.post('/webhook', createFastifyHandler({ ...recorder, signingSecret: NEW_SECRET, now: () => NOW_MS }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (app.server.address() as AddressInfo).port;
      const response = await send(
        `http://127.0.0.1:${port}/webhook`,
        await notificationRequest({ secrets: [NEW_SECRET] }),
      );
      assert.equal(response.status, 200);
      await recorder.processedCount(1);
    } finally {
      await app.close();
    }
  });
});

describe('fetch adapter', () => {
  const url = 'http://127.0.0.1/webhook';

  test('a Request whose body was already read answers raw_body_unavailable', async () => {
    const handle = createFetchHandler({ onNotification: () => {} });
    const request = new Request(url, { method: 'POST', body: envelopeJson() });
    await request.text();
    const response = await handle(request);
    assert.deepEqual([response.status, await response.text()], [500, '{"error":"raw_body_unavailable"}']);
  });

  test('a streamed body over the limit is refused with 413 and the stream cancelled', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(64)),
      cancel: () => {
        cancelled = true;
      },
    });
    const handle = createFetchHandler({ onNotification: () => {}, maxBodyBytes: 100 });
    const response = await handle(new Request(url, { method: 'POST', body, duplex: 'half' }));
    assert.equal(response.status, 413);
    assert.equal(cancelled, true);
  });

  test('a Request without a body and a Validation-Token is the handshake', async () => {
    const handle = createFetchHandler({ onNotification: () => {} });
    const response = await handle(
      new Request(url, { method: 'POST', headers: { 'validation-token': 'abc' } }),
    );
    assert.equal(response.headers.get('validation-token'), 'abc');
  });

  test('a failing dedupe store answers 500', async () => {
    const handle = createFetchHandler({ onNotification: () => {}, dedupe: failingStore });
    const response = await handle(new Request(url, { method: 'POST', body: envelopeJson() }));
    assert.equal(response.status, 500);
  });

  test('the notification reaches onNotification with its uuid', async () => {
    const recorder = new Recorder();
    const handle = createFetchHandler({ ...recorder });
    await handle(new Request(url, { method: 'POST', body: envelopeJson() }));
    await recorder.processedCount(1);
    assert.equal(recorder.processed[0]?.uuid, UUID);
  });
});
