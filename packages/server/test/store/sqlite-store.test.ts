import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runStoreContract } from './store-contract.js';

// A file, not ':memory:', so a second store can open the same database as a second node would.
const dir = mkdtempSync(join(tmpdir(), 'switchboard-contract-'));

runStoreContract('sqlite', {
  async open() {
    const store = createSqliteStore({ filename: join(dir, 'switchboard.db') });
    await store.migrate();
    return store;
  },
  async dispose() {
    rmSync(dir, { recursive: true, force: true });
  },
});
