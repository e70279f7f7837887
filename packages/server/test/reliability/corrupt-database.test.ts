import assert from 'node:assert/strict';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { resolveConfig } from '../../src/config.js';
import { spawnCli } from '../helpers/server-process.js';
import { seededRandom } from './support/seeded-random.js';

/** The documented exit code of a corrupt database (docs/cli.md, docs/reliability.md). */
const EXIT_DATABASE_CORRUPT = 4;

/** Runs the CLI to its end (a server that wrongly starts is stopped after 20 s). */
function runCli(args: string[]): Promise<{ code: number | null; out: string }> {
  const { child, output } = spawnCli(args, { SWITCHBOARD_LOG_LEVEL: 'warn', NO_COLOR: '1' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out: output() });
    }),
  );
}

/**
 * Finding 11 of docs/reliability.md: a truncated database gave a stack trace and exit 1, so a supervisor
 * restarted it forever; 200 KB overwritten mid-file started, answered /readyz 200 and accepted
 * publishes into the damaged file. `serve` now runs `PRAGMA quick_check` at start and refuses a
 * corrupt database with one message and exit code 4; `switchboard db check` says the same.
 */
describe('a corrupt SQLite database', () => {
  let root: string;
  let healthy: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'sb-corrupt-'));
    healthy = join(root, 'healthy');
    const app = await createApp({
      config: resolveConfig({ flags: { port: 0, dataDir: healthy, logLevel: 'silent' } }),
      clock: new ManualClock(),
      logger: pino({ level: 'silent' }),
    });
    const body = { text: 'x'.repeat(2000) };
    for (let batch = 0; batch < 4; batch++) {
      const events = Array.from({ length: 250 }, (_, i) => ({
        event: '/restapi/v1.0/account/1001/extension/2001/presence',
        body: { ...body, n: batch * 250 + i },
      }));
      const answer = await app.api.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { authorization: `Bearer ${app.createdAdminToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ events }),
      });
      assert.equal(answer.statusCode, 202);
    }
    await app.stop();
    assert.ok(statSync(join(healthy, 'switchboard.db')).size > 1_000_000, 'a database worth damaging');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function damaged(name: string, damage: (file: string, size: number) => void): string {
    const dir = join(root, name);
    mkdirSync(dir, { mode: 0o700 });
    const file = join(dir, 'switchboard.db');
    copyFileSync(join(healthy, 'switchboard.db'), file);
    copyFileSync(join(healthy, 'admin-token'), join(dir, 'admin-token'));
    damage(file, statSync(file).size);
    return dir;
  }

  const cases: Array<[string, (file: string, size: number) => void]> = [
    ['truncated to 40 %', (file, size) => truncateSync(file, Math.floor((size * 0.4) / 4096) * 4096)],
    [
      '200 KB overwritten mid-file',
      (file, size) => {
        const fd = openSync(file, 'r+');
        const noise = Buffer.alloc(200 * 1024);
        const random = seededRandom(16);
        for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(random() * 256);
        writeSync(fd, noise, 0, noise.length, Math.floor(size / 2));
        closeSync(fd);
      },
    ],
  ];

  for (const [what, damage] of cases) {
    it(`${what}: serve refuses to start with one clear message and exit code 4`, async () => {
      const dir = damaged(what.replace(/\W+/g, '-'), damage);
      const serve = await runCli(['serve', '--port', '0', '--data-dir', dir]);
      assert.equal(serve.code, EXIT_DATABASE_CORRUPT, serve.out);
      assert.doesNotMatch(serve.out, /listening/);
      assert.doesNotMatch(serve.out, /\n\s+at /, 'no stack trace');
      assert.match(serve.out, /database .*switchboard\.db is corrupt/i);
      assert.match(serve.out, /docs\/reliability\.md/, 'it points to the recovery steps');

      const check = await runCli(['db', 'check', '--data-dir', dir]);
      assert.equal(check.code, EXIT_DATABASE_CORRUPT, check.out);
      assert.match(check.out, /corrupt/i);
    });
  }

  it('db check passes a healthy database and says how long the check took', async () => {
    const check = await runCli(['db', 'check', '--data-dir', healthy]);
    assert.equal(check.code, 0, check.out);
    assert.match(check.out, /ok/i);
    assert.match(check.out, /\d+ ms/);
  });
});
