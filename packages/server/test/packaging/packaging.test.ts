// The packages as users get them: `npm pack` of both, installed from the tarballs into throwaway
// projects outside the repository (their dependencies come from the npm registry), then used from
// plain JavaScript (ES modules and CommonJS), from strict TypeScript (node16 and bundler
// resolution) and through `npx switchboard`; publint and attw lint the tarballs. Slow: the
// server's better-sqlite3 compiles from source where no prebuilt binary is reachable (see
// docs/performance.md, "Packaging test"). It never skips: without the registry it fails.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type LongRunning, startLongRunning } from './support/long-running.js';
import { runCommand } from './support/run-command.js';
import {
  createProject,
  devDependency,
  type PackedPackage,
  packPackages,
} from './support/throwaway-project.js';
import { handshake, SIGNING_SECRET, sendPresence, VERIFICATION_TOKEN } from './support/webhook-client.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('fixtures/receiver-app/', import.meta.url));
const SLOW = { timeout: 1_500_000 };
const work = mkdtempSync(join(tmpdir(), 'switchboard-packaging-'));
const running = new Set<LongRunning>();

after(async () => {
  await Promise.all([...running].map((process) => process.stop()));
  rmSync(work, { recursive: true, force: true });
});

// Packed once; both projects install in parallel (the server's native build is the long part).
const tarballs = packPackages(ROOT, work);
const receiverTarball = tarballs.then((packed) => tarballOf(packed, '@switchboard/receiver'));
const receiverApp = receiverTarball.then((tarball) =>
  createProject(
    join(work, 'receiver-app'),
    [
      tarball.filename,
      devDependency(join(ROOT, 'packages/receiver/package.json'), 'express'),
      devDependency(join(ROOT, 'packages/receiver/package.json'), 'fastify'),
      devDependency(join(ROOT, 'packages/receiver/package.json'), '@types/express'),
      devDependency(join(ROOT, 'package.json'), 'typescript'),
      devDependency(join(ROOT, 'package.json'), '@types/node'),
    ],
    FIXTURE,
  ),
);
const serverApp = tarballs.then((packed) =>
  createProject(join(work, 'server-app'), [
    tarballOf(packed, '@switchboard/receiver').filename,
    tarballOf(packed, 'switchboard').filename,
  ]),
);
// The tests await these; a failure before the first await is theirs to report, not unhandled.
for (const pending of [receiverApp, serverApp]) pending.catch(() => {});

function tarballOf(packed: Map<string, PackedPackage>, name: string): PackedPackage {
  const tarball = packed.get(name);
  assert.ok(tarball, `npm pack made no tarball of ${name}`);
  return tarball;
}

test('the tarballs hold the builds, the README and the LICENSE, and no tests', SLOW, async (t) => {
  const packed = await tarballs;
  const receiver = tarballOf(packed, '@switchboard/receiver').files.map((file) => file.path);
  const server = tarballOf(packed, 'switchboard').files.map((file) => file.path);
  for (const entry of ['index', 'adapters/node', 'adapters/express', 'adapters/fastify', 'adapters/fetch']) {
    for (const file of [`dist/esm/${entry}.js`, `dist/esm/${entry}.d.ts`, `dist/commonjs/${entry}.js`]) {
      assert.ok(receiver.includes(file), `receiver tarball lacks ${file}`);
    }
  }
  assert.ok(receiver.includes('dist/commonjs/package.json'));
  for (const file of [
    'bin/switchboard.js',
    'dist/cli/main.js',
    'dist/store/sqlite/migrations/001_initial.sql',
  ]) {
    assert.ok(server.includes(file), `server tarball lacks ${file}`);
  }
  assert.ok(server.includes('dist/store/postgres/migrations/001_initial.sql'));
  assert.deepEqual(
    server.filter((file) => file.endsWith('.ts')),
    [],
    'the server ships compiled JavaScript only',
  );
  for (const files of [receiver, server]) {
    assert.ok(files.includes('README.md') && files.includes('LICENSE') && files.includes('package.json'));
    assert.ok(!files.some((file) => file.startsWith('test/') || file.includes('.test.')), 'no tests');
  }
  for (const tarball of packed.values()) {
    t.diagnostic(
      `${tarball.name}: ${tarball.size} B packed, ${tarball.unpackedSize} B unpacked, ${tarball.files.length} files`,
    );
  }
});

test('publint and attw find nothing to report in either tarball', SLOW, async () => {
  const { publint } = await import('publint');
  const attw = join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js');
  for (const tarball of (await tarballs).values()) {
    const bytes = readFileSync(tarball.filename);
    const { messages } = await publint({
      pack: { tarball: new Uint8Array(bytes).buffer },
      level: 'suggestion',
    });
    assert.deepEqual(messages, [], `publint on ${tarball.name}`);
    // attw exits non-zero on any problem; the server has no importable entry and says so.
    const { stdout } = await runCommand(process.execPath, [attw, tarball.filename, '--format', 'json'], {
      cwd: work,
    });
    const { analysis } = JSON.parse(stdout) as { analysis: { types: unknown; problems?: unknown[] } };
    if (tarball.name === '@switchboard/receiver') assert.deepEqual(analysis.problems, []);
    else assert.equal(analysis.types, false);
  }
});

/** Runs `command` in the receiver app and drives each of its four adapters over real HTTP. */
async function answersThroughEveryAdapter(command: string, args: string[]): Promise<void> {
  const app = startLongRunning(command, args, await receiverApp, {
    VERIFICATION_TOKEN,
    SIGNING_SECRET,
  });
  running.add(app);
  const [, portsJson = '{}'] = await app.waitFor(/^(\{"ports".*\})$/m);
  const { ports } = JSON.parse(portsJson) as { ports: Record<string, number> };
  assert.deepEqual(Object.keys(ports).sort(), ['express', 'fastify', 'fetch', 'node']);
  for (const [adapter, port] of Object.entries(ports)) {
    const url = `http://127.0.0.1:${port}/webhook`;
    assert.deepEqual(await handshake(url), { status: 200, echoed: true }, `${adapter}: handshake`);
    assert.equal(await sendPresence(url, `Busy-${adapter}`), 200, `${adapter}: signed notification`);
    await app.waitFor(new RegExp(`\\{"adapter":"${adapter}","presenceStatus":"Busy-${adapter}"\\}`));
    const forged = await sendPresence(url, 'Forged', `whsec_${Buffer.alloc(24, 7).toString('base64')}`);
    assert.ok(forged >= 400 && forged < 500, `${adapter}: a wrong signature is refused (${forged})`);
  }
  await app.stop();
  running.delete(app);
  assert.doesNotMatch(app.output(), /Forged/, 'no forged notification reached the app');
}

test(
  'a plain JavaScript ES module app verifies notifications through node, express, fastify and fetch',
  SLOW,
  () => answersThroughEveryAdapter(process.execPath, ['app.mjs']),
);

test('a CommonJS app does the same through require()', SLOW, () =>
  answersThroughEveryAdapter(process.execPath, ['app.cjs']),
);

test(
  'a strict TypeScript app typechecks under node16 and bundler resolution and does the same',
  SLOW,
  async () => {
    const dir = await receiverApp;
    const tsc = join(dir, 'node_modules/typescript/bin/tsc');
    await runCommand(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.bundler.json'], { cwd: dir });
    // node16: typechecked as it is compiled (an error fails the compile), then run.
    await runCommand(process.execPath, [tsc, '-p', 'tsconfig.node16.json'], { cwd: dir });
    await answersThroughEveryAdapter(process.execPath, ['out/app.js']);
  },
);

test(
  'npx switchboard serve starts on an empty directory, and trigger presence reaches it',
  SLOW,
  async () => {
    const dir = await serverApp;
    const dataDir = mkdtempSync(join(work, 'data-'));
    const server = startLongRunning(
      'npx',
      ['--no', 'switchboard', 'serve', '--port', '0', '--data-dir', dataDir],
      dir,
    );
    running.add(server);
    const [, url = ''] = await server.waitFor(/listening on (http:\/\/\S+)/);
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200, await health.text());
    const { stdout } = await runCommand(
      'npx',
      ['--no', 'switchboard', 'trigger', 'presence', '--server', url, '--data-dir', dataDir],
      { cwd: dir },
    );
    assert.match(stdout, /presence/i);
    await server.stop();
    running.delete(server);
  },
);
