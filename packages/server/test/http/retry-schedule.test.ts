import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRetryAfter } from '../../src/dispatcher/retry-after.js';
import { DEFAULT_RETRY_SCHEDULE_MS, nextRetryDelay } from '../../src/dispatcher/retry-schedule.js';

const base = { schedule: DEFAULT_RETRY_SCHEDULE_MS, jitter: 0.2, retryAfterMs: null };

describe('nextRetryDelay', () => {
  it('follows the schedule in order, without jitter when random is the midpoint', () => {
    const delays = DEFAULT_RETRY_SCHEDULE_MS.map((_, i) =>
      nextRetryDelay({ ...base, retryStep: i + 1, random: () => 0.5 }),
    );
    assert.deepEqual(delays, [...DEFAULT_RETRY_SCHEDULE_MS]);
    assert.deepEqual(DEFAULT_RETRY_SCHEDULE_MS.slice(0, 3), [5_000, 30_000, 120_000]);
    // About 47 h in all (docs/decisions.md "Delivery").
    const total = DEFAULT_RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    assert.ok(total > 46 * 3_600_000 && total < 48 * 3_600_000);
  });

  it('keeps jitter within ±20 %', () => {
    assert.equal(nextRetryDelay({ ...base, retryStep: 1, random: () => 0 }), 4_000);
    assert.equal(nextRetryDelay({ ...base, retryStep: 1, random: () => 0.999999 }), 6_000);
    for (let i = 0; i < 200; i++) {
      const delay = nextRetryDelay({ ...base, retryStep: 4, random: Math.random });
      assert.ok(delay !== null && delay >= 480_000 && delay <= 720_000, String(delay));
    }
  });

  it('returns null once the schedule is used up: the delivery is dead', () => {
    const last = DEFAULT_RETRY_SCHEDULE_MS.length;
    assert.notEqual(nextRetryDelay({ ...base, retryStep: last, random: () => 0.5 }), null);
    assert.equal(nextRetryDelay({ ...base, retryStep: last + 1, random: () => 0.5 }), null);
    assert.equal(
      nextRetryDelay({ ...base, retryStep: last + 1, random: () => 0.5, retryAfterMs: 5_000 }),
      null,
    );
    assert.equal(nextRetryDelay({ ...base, schedule: [], retryStep: 1, random: () => 0.5 }), null);
    assert.equal(nextRetryDelay({ ...base, retryStep: 0, random: () => 0.5 }), null);
  });

  it('lets Retry-After win, clamped to [1 s, 24 h], without jitter', () => {
    const at = (retryAfterMs: number) =>
      nextRetryDelay({ ...base, retryStep: 1, random: () => 0, retryAfterMs });
    assert.equal(at(90_000), 90_000);
    assert.equal(at(0), 1_000);
    assert.equal(at(200), 1_000);
    assert.equal(at(7 * 86_400_000), 86_400_000);
  });

  it('honours a configured schedule', () => {
    assert.equal(nextRetryDelay({ ...base, schedule: [100, 200], retryStep: 2, random: () => 0.5 }), 200);
    assert.equal(nextRetryDelay({ ...base, schedule: [100, 200], retryStep: 3, random: () => 0.5 }), null);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('reads delta-seconds', () => {
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
  });

  it('reads an HTTP-date relative to now, 0 when past', () => {
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 12:02:00 GMT', now), 120_000);
    assert.equal(parseRetryAfter('Thursday, 01-Jan-26 12:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now), 0);
  });

  it('returns null when absent or invalid', () => {
    for (const value of [undefined, '', 'soon', '-5', '1.5', '12abc', 'Foo, 99 Bar 2026 GMT']) {
      assert.equal(parseRetryAfter(value, now), null, String(value));
    }
  });
});
