import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUnavailable as isPostgresUnavailable } from '../../src/store/postgres/is-unavailable.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { raiseStoreUnavailable } from '../../src/store/raise-store-unavailable.js';
import { isUnavailable as isSqliteUnavailable } from '../../src/store/sqlite/is-unavailable.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { StoreUnavailableError } from '../../src/store/store-unavailable-error.js';

const coded = (code: string, message = 'store failure') => Object.assign(new Error(message), { code });

describe('StoreUnavailableError: each backend names its own "cannot serve now" errors', () => {
  it('SQLite: locked, busy, full, read-only and I/O errors, extended codes included; not constraint errors', () => {
    for (const code of [
      'SQLITE_BUSY',
      'SQLITE_BUSY_TIMEOUT',
      'SQLITE_LOCKED',
      'SQLITE_FULL',
      'SQLITE_IOERR_WRITE',
    ])
      assert.ok(isSqliteUnavailable(coded(code)), code);
    assert.ok(isSqliteUnavailable(coded('SQLITE_READONLY')));
    assert.ok(!isSqliteUnavailable(coded('SQLITE_CONSTRAINT_UNIQUE')));
    assert.ok(!isSqliteUnavailable(new TypeError('boom')));
  });

  it('PostgreSQL: unreachable, shutting down, failed over, out of resources, dropped connections', () => {
    for (const code of ['ECONNREFUSED', '57P01', '57P03', '08006', '53300', '25006', '40001'])
      assert.ok(isPostgresUnavailable(coded(code)), code);
    assert.ok(isPostgresUnavailable(new Error('Connection terminated unexpectedly')));
    assert.ok(!isPostgresUnavailable(coded('23505', 'duplicate key value violates unique constraint')));
    assert.ok(!isPostgresUnavailable(coded('SQLITE_BUSY')), 'each backend knows only its own codes');
  });

  it('a store raises StoreUnavailableError (code and cause kept) and lets any other error through', async () => {
    const busy = coded('SQLITE_BUSY');
    const bug = new TypeError('boom');
    const fake = {
      capabilities: { notify: false },
      countTokens: async () => {
        throw busy;
      },
      getEvent: async () => {
        throw bug;
      },
      countDeliveries: async () => 3,
    } as unknown as Store;
    const store = raiseStoreUnavailable(fake, isSqliteUnavailable);
    await assert.rejects(store.countTokens(), (err: unknown) => {
      assert.ok(err instanceof StoreUnavailableError);
      assert.equal(err.code, 'SQLITE_BUSY');
      assert.equal(err.cause, busy);
      return true;
    });
    await assert.rejects(store.getEvent('e1'), (err: unknown) => err === bug);
    assert.equal(await store.countDeliveries('s1'), 3);
    assert.deepEqual(store.capabilities, { notify: false });
    assert.equal(store.watch, undefined, 'a store without watch() still has none');
  });

  it('a PostgreSQL store whose server cannot be reached raises StoreUnavailableError', async () => {
    // Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
    const store = createPostgresStore({
      connectionString: 'postgres://postgres@127.0.0.1:9/none',
      poolSize: 1,
    });
    try {
      await assert.rejects(store.countTokens(), (err: unknown) => {
        assert.ok(err instanceof StoreUnavailableError, String(err));
        assert.equal(err.code, 'ECONNREFUSED');
        return true;
      });
    } finally {
      await store.close();
    }
  });

  it('a SQLite store keeps its own errors that are not about availability', async () => {
    const store = createSqliteStore({ filename: ':memory:' });
    await store.migrate();
    try {
      const token = {
        id: 't1',
        hash: 'h1',
        role: 'user' as const,
        name: 'a',
        accountId: '1001',
        extensionId: '2001',
        createdAt: 0,
        revokedAt: null,
      };
      await store.createToken(token);
      await assert.rejects(
        store.createToken(token),
        (err: unknown) => !(err instanceof StoreUnavailableError),
      );
    } finally {
      await store.close();
    }
  });
});
