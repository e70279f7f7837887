import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_DEDUPE_MAX_ENTRIES, MemoryDedupeStore } from '../src/dedupe/memory-dedupe-store.js';

test('remembers uuids and reports repeats', () => {
  const store = new MemoryDedupeStore();
  assert.equal(store.maxEntries, DEFAULT_DEDUPE_MAX_ENTRIES);
  assert.equal(store.checkAndRemember('a'), false);
  assert.equal(store.checkAndRemember('a'), true);
  store.forget('a');
  assert.equal(store.checkAndRemember('a'), false);
});

test('memory is bounded: the least recently seen uuid is dropped first', () => {
  const store = new MemoryDedupeStore({ maxEntries: 2 });
  store.checkAndRemember('a');
  store.checkAndRemember('b');
  store.checkAndRemember('a'); // a is now the most recent
  store.checkAndRemember('c'); // drops b
  assert.equal(store.size, 2);
  assert.equal(store.checkAndRemember('a'), true);
  assert.equal(store.checkAndRemember('b'), false);
});

test('maxEntries must be a positive integer', () => {
  for (const maxEntries of [0, -1, 1.5, Number.NaN]) {
    assert.throws(() => new MemoryDedupeStore({ maxEntries }), /maxEntries/);
  }
});
