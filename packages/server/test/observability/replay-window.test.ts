import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ReplayWindow } from '../../src/observability/replay-window.js';

test('a replay window holds the last `capacity` items in order, however often it wraps', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 12 }),
      fc.array(fc.integer(), { maxLength: 60 }),
      fc.nat(15),
      (capacity, items, skip) => {
        const window = new ReplayWindow<number>(capacity);
        for (const item of items) window.push(item);
        const expected = capacity === 0 ? [] : items.slice(-capacity);
        assert.deepEqual(window.toArray(), expected);
        assert.equal(window.size, expected.length);
        assert.equal(window.first(), expected[0]);
        assert.deepEqual(window.toArray(skip), expected.slice(skip));
      },
    ),
  );
});
