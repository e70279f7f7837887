import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runStoreContract } from './store-contract.js';

runStoreContract('sqlite', async () => {
  const store = createSqliteStore({ filename: ':memory:' });
  await store.migrate();
  return store;
});
