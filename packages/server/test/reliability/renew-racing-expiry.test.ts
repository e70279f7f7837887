import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type { Handshake } from '../../src/context.js';
import { PRESENCE_2001, SUBSCRIPTION, TOKENS } from '../api/api-fixtures.js';
import { blacklist, call, createBody, createHarness, type Harness, subscribe } from '../api/harness.js';

/**
 * Finding 5 of docs/reliability.md: a PUT or renew whose handshake was still running when the subscription
 * expired answered 200 `Active` while the stored subscription stayed Expired; a later publish
 * still counted it (`matched: 2`) and its delivery stayed `pending`, never sent. Here the expiry
 * job (what the scheduler's tick does first) runs while the handshake is held.
 */
describe('a renewal racing expiry', () => {
  let h: Harness;
  const harnesses: Harness[] = [];
  beforeEach(async () => {
    h = await createHarness();
    harnesses.push(h);
  });
  after(async () => {
    for (const harness of harnesses) await harness.close();
  });

  /** Holds every handshake until the expiry job has run, then lets it pass. */
  function handshakeThatOutlivesExpiry(expiresInMs: number): void {
    const slow: Handshake = async () => {
      h.clock.advance(expiresInMs + 1000);
      for (const expired of await h.store.expireSubscriptions(h.clock.now())) h.ctx.index.remove(expired.id);
      return { ok: true, latencyMs: 1000 };
    };
    (h.ctx as { handshake: Handshake }).handshake = slow;
  }

  async function assertGoneForGood(id: string, answer: { status: number; json: { errorCode?: string } }) {
    assert.notEqual(answer.status, 200, 'not answered as if renewed');
    assert.equal(answer.status, 404);
    assert.equal(answer.json.errorCode, 'CMN-102');
    assert.equal((await h.store.getSubscription(id))?.status, 'Expired');
    const published = await call(h, 'POST', '/v1/events', {
      token: TOKENS.publisher,
      body: { event: PRESENCE_2001, body: {} },
    });
    assert.equal(published.json.events[0].matched, 0, 'an expired subscription matches nothing');
    const pending = await h.store.listDeliveries({ subscriptionId: id, states: ['pending'], limit: 10 });
    assert.deepEqual(pending, [], 'no delivery that would never be sent');
  }

  it('PUT with a new address (handshake) while it expires: 404, and it stays expired', async () => {
    const created = await subscribe(h, TOKENS.user, createBody({ expiresIn: 60 }));
    const id = created.json.id as string;
    handshakeThatOutlivesExpiry(60_000);
    const answer = await call(h, 'PUT', `${SUBSCRIPTION}/${id}`, {
      token: TOKENS.user,
      body: { deliveryMode: { transportType: 'WebHook', address: 'http://127.0.0.1:9/moved' } },
    });
    await assertGoneForGood(id, answer);
  });

  it('renew of a blacklisted subscription (re-handshake) while it expires: 404, and it stays expired', async () => {
    const created = await subscribe(h, TOKENS.user, createBody({ expiresIn: 60 }));
    const id = created.json.id as string;
    await blacklist(h, id);
    handshakeThatOutlivesExpiry(60_000);
    const answer = await call(h, 'POST', `${SUBSCRIPTION}/${id}/renew`, { token: TOKENS.user });
    await assertGoneForGood(id, answer);
  });
});
