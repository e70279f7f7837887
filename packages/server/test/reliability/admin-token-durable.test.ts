import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { resolveConfig } from '../../src/config.js';
import { systemRandom } from '../../src/random.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { bootstrapAdmin } from '../../src/tokens/bootstrap-admin.js';
import { hashToken } from '../../src/tokens/hash-token.js';

/**
 * Finding 10 of docs/reliability.md: the bootstrap admin token was committed before it was written, so a disk
 * that filled up at first start (ENOSPC) left a 0-byte `admin-token` and an admin credential
 * nobody would ever know. Now the file is written first (temporary file, fsync, rename), and
 * the credential is committed only after: a failed write leaves no credential, and the next start
 * creates one.
 */
describe('the bootstrap admin token cannot be lost', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sb-admin-token-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const start = (dataDir: string) =>
    createApp({
      config: resolveConfig({ flags: { port: 0, dataDir, logLevel: 'silent' } }),
      clock: new ManualClock(),
      logger: pino({ level: 'silent' }),
    });

  it('a write that fails at first start commits no credential; the next start recovers', async () => {
    const dataDir = join(root, 'blocked');
    // Something in the way of the file: the write fails, as on a full disk.
    mkdirSync(join(dataDir, 'admin-token'), { recursive: true });
    await assert.rejects(start(dataDir), /admin-token/);
    const store = createSqliteStore({ filename: join(dataDir, 'switchboard.db') });
    await store.migrate();
    assert.equal(await store.countTokens(), 0, 'no admin credential nobody knows');
    await store.close();

    rmSync(join(dataDir, 'admin-token'), { recursive: true });
    const app = await start(dataDir);
    try {
      const token = app.createdAdminToken;
      assert.ok(token, 'the next start creates the admin token');
      assert.equal(readFileSync(join(dataDir, 'admin-token'), 'utf8').trim(), token);
      assert.equal(statSync(join(dataDir, 'admin-token')).mode & 0o777, 0o600);
      const listed = await app.api.inject({
        method: 'GET',
        url: '/v1/tokens',
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(listed.statusCode, 200, 'the written token is the committed one');
      assert.deepEqual(
        readdirSync(dataDir).filter((name) => name.includes('admin-token') && name !== 'admin-token'),
        [],
        'no temporary file is left behind',
      );
    } finally {
      await app.stop();
    }
  });

  it('ENOSPC half-way through the write: no credential, no 0-byte token file, the next start works', async () => {
    const dataDir = join(root, 'enospc');
    mkdirSync(dataDir, { recursive: true });
    const store = createSqliteStore({ filename: join(dataDir, 'switchboard.db') });
    await store.migrate();
    const deps = { store, clock: new ManualClock(), random: systemRandom, dataDir };
    // The kernel's own ENOSPC: the file being written is /dev/full, which refuses every write.
    const temporary = join(dataDir, `.admin-token.${process.pid}.tmp`);
    symlinkSync('/dev/full', temporary);
    await assert.rejects(bootstrapAdmin(deps), /ENOSPC/);
    assert.equal(await store.countTokens(), 0);
    assert.equal(existsSync(join(dataDir, 'admin-token')), false, 'no 0-byte admin-token');
    assert.equal(existsSync(temporary), false, 'the temporary file is gone');

    const token = await bootstrapAdmin(deps);
    assert.ok(token);
    assert.equal(readFileSync(join(dataDir, 'admin-token'), 'utf8').trim(), token);
    assert.ok(await store.findTokenByHash(hashToken(token)));
    await store.close();
  });
});
