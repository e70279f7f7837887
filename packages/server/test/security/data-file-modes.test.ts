import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { resolveConfig } from '../../src/config.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { countingRandom } from '../helpers/test-app.js';

/**
 * Finding 8 of docs/reliability.md: the SQLite database (signing secrets, verification tokens) was created 0644
 * in a 0755 directory, so any local user could read every secret. The data directory is 0700,
 * the database and its -wal/-shm files 0600, the admin-token file 0600, whatever the umask.
 */
const mode = (path: string) => statSync(path).mode & 0o777;

describe('files holding secrets are private to the server', () => {
  let root: string;
  let previousUmask: number;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sb-modes-'));
    previousUmask = process.umask(0o022);
  });
  after(() => {
    process.umask(previousUmask);
    rmSync(root, { recursive: true, force: true });
  });

  it('a first start creates the data dir 0700 and the database, -wal, -shm and admin-token 0600', async () => {
    const dataDir = join(root, 'fresh', '.switchboard');
    const config = resolveConfig({ flags: { port: 0, dataDir, logLevel: 'silent' } });
    const app: App = await createApp({
      config,
      clock: new ManualClock(),
      random: countingRandom(),
      logger: pino({ level: 'silent' }),
    });
    try {
      const published = await app.api.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { authorization: `Bearer ${app.createdAdminToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ event: '/restapi/v1.0/account/1001/extension/2001/presence', body: {} }),
      });
      assert.equal(published.statusCode, 202);
      assert.equal(mode(dataDir), 0o700, 'data dir');
      assert.equal(mode(join(root, 'fresh')), 0o700, 'every directory it created');
      for (const name of ['switchboard.db', 'switchboard.db-wal', 'switchboard.db-shm', 'admin-token']) {
        const path = join(dataDir, name);
        assert.ok(existsSync(path), `${name} exists`);
        assert.equal(mode(path).toString(8), '600', name);
      }
    } finally {
      await app.stop();
    }
  });

  it('an existing world-readable database is made private when opened', async () => {
    const dir = join(root, 'old');
    const store = createSqliteStore({ filename: join(dir, 'switchboard.db') });
    await store.migrate();
    await store.close();
    chmodSync(join(dir, 'switchboard.db'), 0o644);
    writeFileSync(join(dir, 'switchboard.db-wal'), '', { mode: 0o644 });
    chmodSync(join(dir, 'switchboard.db-wal'), 0o644);
    const again = createSqliteStore({ filename: join(dir, 'switchboard.db') });
    await again.migrate();
    await again.countTokens();
    try {
      assert.equal(mode(join(dir, 'switchboard.db')), 0o600);
      assert.equal(mode(join(dir, 'switchboard.db-wal')), 0o600);
    } finally {
      await again.close();
    }
  });
});
