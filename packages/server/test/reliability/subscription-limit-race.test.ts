import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Handshake } from '../../src/context.js';
import { SUBSCRIPTION, TOKENS } from '../api/api-fixtures.js';
import { call, createBody, createHarness, type Harness } from '../api/harness.js';

/**
 * Finding 4 of docs/reliability.md: 60 concurrent creates with a slow (1 s) handshake all went live, past the
 * 30-per-extension limit, because the limit was counted before the handshake and not in the
 * insert's transaction. Here every handshake waits until all 60 requests are in.
 */
describe('the per-extension subscription limit under concurrent creates', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(async () => h.close());

  it('60 creates at once with a slow handshake: 30 created, 30 refused with SUB-505', async () => {
    let release: () => void = () => {};
    const allIn = new Promise<void>((resolve) => {
      release = resolve;
    });
    let waiting = 0;
    const slow: Handshake = async () => {
      waiting++;
      if (waiting === 60) release();
      await allIn;
      return { ok: true, latencyMs: 1000 };
    };
    (h.ctx as { handshake: Handshake }).handshake = slow;

    const answers = await Promise.all(
      Array.from({ length: 60 }, () =>
        call(h, 'POST', SUBSCRIPTION, { token: TOKENS.user, body: createBody() }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 200).length, 30, JSON.stringify(statuses));
    const refused = answers.filter((a) => a.status !== 200);
    assert.ok(refused.every((a) => a.status === 403 && a.json.errorCode === 'SUB-505'));
    assert.equal(await h.store.countLiveSubscriptions('1001', '2001'), 30);
    const listed = await call(h, 'GET', SUBSCRIPTION, { token: TOKENS.user });
    assert.equal(listed.json.records.length, 30, 'the index and the list agree');
  });
});
