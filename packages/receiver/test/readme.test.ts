// The quick start in the repository's README runs as written: each ```ts block of the
// receiver-quickstart section is written to a file inside the package (so that
// `@switchboard/receiver` resolves as it does for users), imported and exercised.
// The one edit: `listen(3000)` becomes `listen(0, '127.0.0.1')`, so the test takes a free port.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, type TestContext, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { sign } from '../src/protocol/signature.js';
import { envelopeJson, NEW_SECRET, TOKEN, UUID } from './support/requests.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const section =
  /<!-- receiver-quickstart:start -->([\s\S]*)<!-- receiver-quickstart:end -->/.exec(readme)?.[1] ?? '';
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
const tmp = new URL('../.tmp/', import.meta.url);

after(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes README block `index` to a module of its own and returns its URL. */
function writeBlock(index: number, edit: (code: string) => string = (code) => code): URL {
  mkdirSync(tmp, { recursive: true });
  const file = new URL(`readme-block-${index}-${process.pid}.ts`, tmp);
  writeFileSync(file, edit(blocks[index] ?? ''));
  return file;
}

async function importBlock(index: number, edit?: (code: string) => string): Promise<unknown> {
  return import(writeBlock(index, edit).href);
}

/** Resolves on the next console.log call, with its text; the mock is restored after it. */
function nextLog(t: TestContext): Promise<string> {
  return new Promise((resolve) => {
    const log = t.mock.method(console, 'log', (...args: unknown[]) => {
      log.mock.restore();
      resolve(args.map(String).join(' '));
    });
  });
}

test('the quick start has a node:http block and a fetch block', () => {
  assert.equal(blocks.length, 2);
  assert.match(blocks[0] ?? '', /createNodeHandler/);
  assert.match(blocks[1] ?? '', /createFetchHandler/);
});

test('the quick start typechecks under the strict compiler options of the repository', () => {
  const files = blocks.map((_, index) => fileURLToPath(writeBlock(index)));
  const { config } = ts.readConfigFile(
    fileURLToPath(new URL('../../../tsconfig.base.json', import.meta.url)),
    ts.sys.readFile,
  );
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, fileURLToPath(tmp));
  const program = ts.createProgram(files, options);
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  assert.deepEqual(diagnostics, []);
});

test('README node:http example: handshake and a presence notification', async (t) => {
  process.env.VERIFICATION_TOKEN = TOKEN;
  const module = (await importBlock(0, (code) => code.replace('listen(3000)', "listen(0, '127.0.0.1')"))) as {
    server: Server;
  };
  const { server } = module;
  try {
    if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const handshake = await fetch(url, {
      method: 'POST',
      headers: { 'Validation-Token': 'abc', 'Verification-Token': TOKEN, 'Content-Type': 'application/json' },
    });
    assert.equal(handshake.headers.get('validation-token'), 'abc');
    const logged = nextLog(t);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Verification-Token': TOKEN },
      body: envelopeJson(),
    });
    assert.equal(response.status, 200);
    assert.equal(await logged, '2001 is Available');
  } finally {
    server.close();
    server.closeAllConnections();
    delete process.env.VERIFICATION_TOKEN;
  }
});

test('README fetch example: a signed notification is processed before the answer', async (t) => {
  process.env.SIGNING_SECRET = NEW_SECRET;
  try {
    const module = (await importBlock(1)) as { default: { fetch(request: Request): Promise<Response> } };
    const body = envelopeJson();
    const seconds = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': UUID,
      'webhook-timestamp': String(seconds),
      'webhook-signature': await sign(NEW_SECRET, UUID, seconds, body),
    };
    const logged = nextLog(t);
    const response = await module.default.fetch(
      new Request('http://localhost/', { method: 'POST', headers, body }),
    );
    assert.equal(response.status, 200);
    assert.match(await logged, /^\/restapi\/v1\.0\/account\/1001\/extension\/2001\/presence/);
    const unsigned = await module.default.fetch(new Request('http://localhost/', { method: 'POST', body }));
    assert.equal(unsigned.status, 401);
  } finally {
    delete process.env.SIGNING_SECRET;
  }
});
