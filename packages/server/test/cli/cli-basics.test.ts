import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Command } from 'commander';
import { UsageError } from '../../src/cli/cli-error.js';
import { resolveConnection } from '../../src/cli/connection/resolve-connection.js';
import { createProgram } from '../../src/cli/program.js';
import { TRIGGER_KINDS } from '../../src/cli/trigger/trigger-kinds.js';
import { runCliInProcess, runCliProcess, startCliProcess } from './support/run-cli.js';

describe('finding the server and the token', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-conn-'));
  writeFileSync(join(dataDir, 'admin-token'), 'sbt_from_file\n');

  test('flags, then the environment, then the data directory and http://127.0.0.1:8080', () => {
    const env = {
      SWITCHBOARD_URL: 'http://127.0.0.1:9000/',
      SWITCHBOARD_TOKEN: 'sbt_env',
      SWITCHBOARD_DATA_DIR: dataDir,
    };
    assert.deepEqual(resolveConnection({ server: 'http://localhost:7000', token: 'sbt_flag' }, env, '/'), {
      serverUrl: 'http://localhost:7000',
      serverSource: 'flag',
      token: 'sbt_flag',
      tokenSource: 'flag',
      dataDir,
    });
    const fromEnv = resolveConnection({}, env, '/');
    assert.equal(fromEnv.serverUrl, 'http://127.0.0.1:9000');
    assert.equal(fromEnv.token, 'sbt_env');
    const fromDir = resolveConnection({ dataDir }, {}, '/');
    assert.deepEqual([fromDir.serverUrl, fromDir.serverSource], ['http://127.0.0.1:8080', 'default']);
    assert.deepEqual([fromDir.token, fromDir.tokenSource], ['sbt_from_file', 'data directory']);
    const relative = resolveConnection({}, { SWITCHBOARD_TOKEN: 'sbt_env' }, '/srv/app');
    assert.equal(relative.dataDir, '/srv/app/.switchboard');
  });

  test('the local admin token never goes to a remote server unless its directory is named', () => {
    const cwd = join(dataDir, '..');
    writeFileSync(join(dataDir, 'admin-token'), 'sbt_from_file\n');
    assert.throws(
      () =>
        resolveConnection(
          { server: 'https://switchboard.example.com' },
          { SWITCHBOARD_DATA_DIR: '' },
          dataDir,
        ),
      (err: unknown) =>
        err instanceof UsageError && /only used with a server on this machine/.test(err.message),
    );
    assert.equal(
      resolveConnection({ server: 'https://switchboard.example.com', dataDir }, {}, cwd).token,
      'sbt_from_file',
    );
    assert.throws(
      () => resolveConnection({ server: 'ftp://x' }, {}, cwd),
      /must start with http:\/\/ or https:\/\//,
    );
    assert.throws(
      () => resolveConnection({}, { SWITCHBOARD_URL: 'nope' }, cwd),
      /Invalid server URL in SWITCHBOARD_URL/,
    );
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('exit codes', () => {
  test('2: no token found, with what to do', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'switchboard-empty-'));
    try {
      const result = await runCliProcess(['subscriptions', 'list', '--data-dir', empty]);
      assert.equal(result.code, 2);
      assert.ok(
        result.stderr.startsWith(`Error: No token: none given and no admin token in ${empty}/admin-token\n`),
      );
      assert.match(result.stderr, /Pass --token or set SWITCHBOARD_TOKEN/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('2: an unknown option or a missing argument', async () => {
    const unknown = await runCliProcess(['deliveries', 'list', '--colour']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /error: unknown option '--colour'/);
    const missing = await runCliInProcess(['events', 'get'], {});
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /error: missing required argument 'id'/);
    const group = await runCliInProcess(['tokens'], {});
    assert.equal(group.code, 2, 'a group without its subcommand shows its help and fails');
    assert.match(group.stderr, /Usage: switchboard tokens/);
  });

  test('3: the server is not running, with how to start it', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await runCliProcess(['subscriptions', 'list'], {
      env: { SWITCHBOARD_URL: `http://127.0.0.1:${port}`, SWITCHBOARD_TOKEN: 'x' },
    });
    assert.equal(result.code, 3);
    assert.match(
      result.stderr,
      new RegExp(`Cannot reach Switchboard at http://127.0.0.1:${port} \\(connection refused\\)`),
    );
    const json = await runCliInProcess(
      ['tokens', 'list', '--json', '--server', `http://127.0.0.1:${port}`, '--token', 'x'],
      {},
    );
    assert.equal(json.code, 3);
    assert.equal(JSON.parse(json.stderr).error.exitCode, 3);
  });

  test('1: an error answer without RingCentral shape (a proxy) still shows its status', async () => {
    const proxy = createServer((_req, res) =>
      res.writeHead(502, { 'content-type': 'text/plain' }).end('Bad Gateway'),
    );
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const result = await runCliInProcess(['tokens', 'list', '--server', url, '--token', 'x'], {});
      assert.equal(result.code, 1);
      assert.match(result.stderr, /Error: HTTP-502 Bad Gateway \(HTTP 502\)/);
    } finally {
      proxy.close();
    }
  });
});

test('--help on every command has examples', async () => {
  const paths: string[][] = [];
  const walk = (command: Command, path: string[]) => {
    paths.push(path);
    for (const sub of command.commands) if (sub.name() !== 'help') walk(sub, [...path, sub.name()]);
  };
  walk(createProgram({} as never), []);
  assert.equal(paths.length, 37, `${paths.length} commands`);
  for (const path of paths) {
    const result = await runCliInProcess([...path, '--help'], {});
    assert.equal(result.code, 0, path.join(' '));
    assert.match(result.stdout, /\nExamples:\n {2}\$ switchboard /, `switchboard ${path.join(' ')} --help`);
  }
  const real = await runCliProcess(['trigger', '--help']);
  assert.equal(real.code, 0);
  // Every kind, with its event filter on the line under it.
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const kind of TRIGGER_KINDS)
    assert.match(
      real.stdout,
      new RegExp(`\n  ${literal(kind.name)} +\\S[^\n]*\n +${literal(kind.filter)}\n`),
    );
});

test('serve: starts, announces itself (--json for scripts), answers the CLI, stops on SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-serve-'));
  const serve = startCliProcess([
    'serve',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--json',
    '--log-level',
    'warn',
  ]);
  try {
    const line = await serve.waitForOutput(/^\{"type":"listening".*\}$/m, 'the start line');
    const started = JSON.parse(line[0]);
    assert.equal(started.mode, 'development');
    assert.match(started.adminToken, /^sbt_/);
    const tokens = await runCliInProcess(['tokens', 'list', '--json'], {
      SWITCHBOARD_URL: started.url,
      SWITCHBOARD_DATA_DIR: dataDir,
    });
    assert.equal(tokens.code, 0, tokens.stderr);
    assert.equal(JSON.parse(tokens.stdout).records[0].name, 'bootstrap admin');
    assert.equal(await serve.stop('SIGTERM'), 0);
  } finally {
    await serve.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a reader that is gone (`switchboard --help | true`) ends the command quietly, exit 0', async () => {
  const result = await runCliProcess(['--help'], { closeStdout: true });
  assert.equal(result.stderr, '', 'no EPIPE stack trace');
  assert.equal(result.code, 0);
});
