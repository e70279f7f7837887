import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { postgresSkipReason, TEST_DATABASE_URL } from '../helpers/test-postgres.js';
import { runCliInProcess, runCliProcess, startCliProcess } from './support/run-cli.js';

/** A port nothing listens on now (the kernel's pick for port 0, released). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * What a new user hits first, as issue-style reproductions: a server on another port, a server
 * that cannot start. Each test runs the CLI as a process, the way a user types it.
 */
describe('serve records its URL, and the CLI finds it', () => {
  test('`listen` and `tokens list` find a server started with --port, without --server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-url-'));
    const port = await freePort();
    const serve = startCliProcess(['serve', '--port', String(port), '--data-dir', dataDir, '--json']);
    try {
      await serve.waitForOutput(/"type":"listening"/, 'the start line');
      const url = `http://127.0.0.1:${port}`;
      assert.equal(readFileSync(join(dataDir, 'server-url'), 'utf8').trim(), url);

      // Only the data directory, as when the CLI runs where `npm start` keeps its data.
      const env = { SWITCHBOARD_DATA_DIR: dataDir };
      const tokens = await runCliProcess(['tokens', 'list', '--json'], { env });
      assert.equal(tokens.code, 0, tokens.stderr);
      assert.equal(JSON.parse(tokens.stdout).records[0].name, 'bootstrap admin');

      const listen = startCliProcess(['listen', '--json'], env);
      try {
        const ready = await listen.waitForOutput(/^\{"type":"ready".*$/m, 'listen to be ready');
        assert.match(JSON.parse(ready[0]).address, /^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
      } finally {
        assert.equal(await listen.stop('SIGTERM'), 0, listen.stderr());
      }
      assert.equal(await serve.stop('SIGTERM'), 0);
      assert.equal(existsSync(join(dataDir, 'server-url')), false, 'removed when the server stops');
    } finally {
      await serve.stop('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('startup failures are one line and exit 5', () => {
  test('a port in use', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-inuse-'));
    try {
      const result = await runCliProcess(['serve', '--port', String(port), '--data-dir', dataDir]);
      assert.equal(result.code, 5);
      assert.ok(
        result.stderr.startsWith(`Error: cannot listen on 127.0.0.1:${port}: the port is already in use\n`),
        result.stderr,
      );
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      const json = await runCliProcess(['serve', '--port', String(port), '--data-dir', dataDir, '--json']);
      assert.equal(json.code, 5);
      assert.deepEqual(JSON.parse(json.stderr.trim().split('\n').at(-1) ?? ''), {
        error: {
          message: `cannot listen on 127.0.0.1:${port}: the port is already in use`,
          exitCode: 5,
          hint: 'Another `switchboard serve` (or another program) has it: stop that one, or pick a port with --port.',
        },
      });
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a PostgreSQL role that does not exist', async (t) => {
    const skip = await postgresSkipReason();
    if (skip) return t.skip(skip);
    const url = new URL(TEST_DATABASE_URL);
    url.username = 'no_such_switchboard_role';
    url.password = 'hunter2';
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-pgrole-'));
    try {
      const result = await runCliProcess([
        'serve',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--database',
        url.toString(),
      ]);
      assert.equal(result.code, 5, result.stderr);
      assert.match(
        result.stderr,
        /^Error: cannot use the database postgres:\/\/no_such_switchboard_role:…@[^ ]+: .*no_such_switchboard_role/,
      );
      assert.doesNotMatch(result.stderr, /hunter2/, 'the password is never printed');
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('usage', () => {
  test('--json answers usage errors in JSON too', async () => {
    const zero = await runCliProcess(['trigger', 'presence', '--json', '--count', '0']);
    assert.equal(zero.code, 2);
    const error = JSON.parse(zero.stderr).error;
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /--count <n>.*must be a whole number from 1 to 1000000/);
    const unknown = await runCliInProcess(['deliveries', 'list', '--colour', '--json'], {});
    assert.equal(unknown.code, 2);
    assert.match(JSON.parse(unknown.stderr).error.message, /unknown option '--colour'/);
  });

  test('the options every command takes work before the subcommand as after it', async () => {
    const dead = await freePort();
    const result = await runCliInProcess(
      ['--server', `http://127.0.0.1:${dead}`, '--token', 'x', '--json', 'subscriptions', 'list'],
      {},
    );
    assert.equal(result.code, 3, 'it went to --server, not to the default');
    assert.match(JSON.parse(result.stderr).error.message, new RegExp(`127\\.0\\.0\\.1:${dead}`));
    const equals = await runCliInProcess([`--server=http://127.0.0.1:${dead}`, 'tokens', 'list'], {
      SWITCHBOARD_TOKEN: 'x',
    });
    assert.equal(equals.code, 3);
  });

  test('listen --help names each default once', async () => {
    const help = await runCliInProcess(['listen', '--help'], {});
    assert.match(help.stdout, /\(default: any free port\)\n/);
    assert.doesNotMatch(help.stdout, /\(default: any free port\) \(default: 0\)/);
  });

  test('listen --forward-to is checked before anything starts', async () => {
    for (const [target, message] of [
      ['notaurl', /--forward-to "notaurl": the host "notaurl" does not resolve/],
      ['ftp://127.0.0.1/x', /must be an http:\/\/ or https:\/\/ URL/],
      ['http://', /is not a URL/],
    ] as const) {
      // No server and no token anywhere: the check comes before the CLI looks for either.
      const result = await runCliInProcess(['listen', '--forward-to', target], {
        SWITCHBOARD_DATA_DIR: '/nonexistent',
      });
      assert.equal(result.code, 2, target);
      assert.match(result.stderr, message);
    }
  });
});
