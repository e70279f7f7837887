import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnCli } from '../helpers/server-process.js';

interface Run {
  lines: string[];
  code: number | null;
  /** Answers of requests made while it ran, by URL path. */
  answers: Record<string, number>;
}

/**
 * Runs `serve --production` on 127.0.0.1 until it announces itself, makes the given requests with
 * `bearer`, stops it with SIGTERM and returns every line it wrote on stdout and stderr.
 */
async function runProduction(
  dataDir: string,
  env: Record<string, string>,
  bearer?: () => string,
): Promise<Run> {
  const { child, output } = spawnCli(
    ['serve', '--production', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir],
    { SWITCHBOARD_LOG_LEVEL: 'info', ...env },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    return await announceAndStop();
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  async function announceAndStop(): Promise<Run> {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${output()}`)), 30_000);
      const look = () => {
        const m = /(?:"url":"|listening on )(http:\/\/127\.0\.0\.1:\d+)/.exec(output());
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', look);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`exited before starting:\n${output()}`));
      });
    });
    const answers: Record<string, number> = {};
    for (const path of ['/v1/tokens', '/restapi/v1.0/subscription', '/nowhere']) {
      const res = await fetch(url + path, bearer ? { headers: { authorization: `Bearer ${bearer()}` } } : {});
      answers[path] = res.status;
      await res.arrayBuffer();
    }
    child.kill('SIGTERM');
    const code = await exited;
    return {
      lines: output()
        .split('\n')
        .filter((line) => line !== ''),
      code,
      answers,
    };
  }
}

function assertJsonLines(run: Run): void {
  assert.ok(run.lines.length >= 2, `it said something: ${run.lines.join('\n')}`);
  for (const line of run.lines) {
    assert.doesNotThrow(() => JSON.parse(line), `not a JSON line: ${line}`);
  }
}

/**
 * Production output (docs/reliability.md): in production the first-start admin token was printed as a plain-text banner in
 * the same stream as the JSON log lines, where log shippers keep it. Now `serve --production`
 * writes JSON lines only and never the token; the token comes from SWITCHBOARD_ADMIN_TOKEN,
 * SWITCHBOARD_ADMIN_TOKEN_FILE or, when neither is set, only the 0600 file in the data dir.
 */
describe('serve --production: JSON lines only, never the admin token', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sb-production-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('first start without a given token: the token is only in the 0600 file', async () => {
    const dataDir = join(root, 'generated');
    const file = join(dataDir, 'admin-token');
    const run = await runProduction(dataDir, {}, () => readFileSync(file, 'utf8').trim());
    assertJsonLines(run);
    const token = readFileSync(file, 'utf8').trim();
    assert.match(token, /^sbt_/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(run.answers['/v1/tokens'], 200, 'the file holds a working admin token');
    assert.ok(!run.lines.join('\n').includes(token), 'the token is not in the output');
    assert.ok(
      run.lines.some((line) => JSON.parse(line).adminTokenFile === file),
      'the output says where the token is',
    );
    assert.equal(run.code, 0);
  });

  it('SWITCHBOARD_ADMIN_TOKEN: that token is the admin, never printed, no file written', async () => {
    const dataDir = join(root, 'from-env');
    const given = 'sbt_given_by_the_operator_0123456789abcdef';
    const run = await runProduction(dataDir, { SWITCHBOARD_ADMIN_TOKEN: given }, () => given);
    assertJsonLines(run);
    assert.equal(run.answers['/v1/tokens'], 200);
    assert.ok(!run.lines.join('\n').includes(given));
    assert.equal(existsSync(join(dataDir, 'admin-token')), false);
  });

  it('SWITCHBOARD_ADMIN_TOKEN_FILE: the token is read from the secret file', async () => {
    const dataDir = join(root, 'from-file');
    const secretFile = join(root, 'admin-token-secret');
    const given = 'sbt_from_a_mounted_secret_file_0123456789';
    writeFileSync(secretFile, `${given}\n`, { mode: 0o600 });
    const run = await runProduction(dataDir, { SWITCHBOARD_ADMIN_TOKEN_FILE: secretFile }, () => given);
    assertJsonLines(run);
    assert.equal(run.answers['/v1/tokens'], 200);
    assert.ok(!run.lines.join('\n').includes(given));
  });
});
