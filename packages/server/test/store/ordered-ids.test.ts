import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { systemRandom, uuidV7Generator } from '../../src/random.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids are UUID version 7, in creation order (primary keys append to the index)', () => {
  it('has the version 7 layout with the time in the first 48 bits', () => {
    const at = Date.UTC(2026, 10, 28, 12, 0, 0, 123);
    const id = uuidV7Generator(() => at)();
    assert.match(id, V7);
    assert.equal(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16), at);
    assert.match(systemRandom.id(), V7);
    // What goes on the wire stays random, as RingCentral's ids are.
    assert.match(
      systemRandom.uuid(),
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('keeps ids made in one millisecond in order, and is unique', () => {
    const next = uuidV7Generator(() => 1_000);
    const ids = Array.from({ length: 20_000 }, next);
    for (let i = 1; i < ids.length; i++) assert.ok((ids[i - 1] ?? '') < (ids[i] ?? ''), `${i}: ${ids[i]}`);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, V7);
  });

  it('orders by time, and never goes backwards when the clock does', () => {
    let now = 5_000;
    const next = uuidV7Generator(() => now);
    const a = next();
    now = 6_000;
    const b = next();
    now = 4_000; // the system clock stepped back
    const c = next();
    assert.ok(a < b && b < c, [a, b, c].join(' '));
  });
});
