import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FairOrder } from '../../src/dispatcher/fair-order.js';

/**
 * The fair order's contract (docs/reliability.md "Fair delivery"): the account with the fewest
 * attempts in flight goes first, the one that started longest ago among equals; within an
 * account, subscriptions take turns; and a subscription turned down is not asked again until it
 * is woken, so a pick's cost does not grow with the subscriptions that cannot start.
 */

interface Member {
  id: string;
  accountId: string;
  queued: number;
}

function member(id: string, accountId: string, queued = 1_000): Member {
  return { id, accountId, queued };
}

/** Picks `n` times, starting each pick's attempt (it stays in flight); returns the ids picked. */
function pick(order: FairOrder<Member>, n: number): string[] {
  const picked: string[] = [];
  for (let i = 0; i < n; i++) {
    const next = order.next((m) => (m.queued > 0 ? 0 : null));
    if (next === null) break;
    next.member.queued -= 1;
    order.inFlight(next.member, 1);
    picked.push(next.member.id);
  }
  return picked;
}

test('the account with fewer attempts in flight goes first; subscriptions of an account take turns', () => {
  const order = new FairOrder<Member>();
  const a1 = member('a1', 'A');
  const a2 = member('a2', 'A');
  const a3 = member('a3', 'A');
  const b1 = member('b1', 'B');
  for (const m of [a1, a2, a3, b1]) order.add(m);

  // A and B alternate (each start makes its account the busier one); A's three take turns.
  assert.deepEqual(pick(order, 8), ['a1', 'b1', 'a2', 'b1', 'a3', 'b1', 'a1', 'b1']);

  // B's attempts end: B holds fewer, so it gets the next slots until it holds as many as A.
  for (let i = 0; i < 3; i++) order.inFlight(b1, -1);
  assert.deepEqual(pick(order, 4), ['b1', 'b1', 'b1', 'a2']);
});

test('a subscription turned down is not asked again until it is woken', () => {
  const order = new FairOrder<Member>();
  const stuck = Array.from({ length: 1_000 }, (_, i) => member(`stuck-${i}`, `tenant-${i}`, 0));
  for (const m of stuck) order.add(m);
  const healthy = member('healthy', 'healthy-tenant');
  order.add(healthy);

  let asked = 0;
  const next = () => {
    const picked = order.next((m) => {
      asked += 1;
      return m.queued > 0 ? 0 : null;
    });
    if (picked) {
      picked.member.queued -= 1;
      order.inFlight(picked.member, 1);
    }
    return picked;
  };

  // Over the first hundred picks, each stuck subscription is asked once at most (accounts that
  // never started tie, in any order), the healthy one once a pick.
  for (let i = 0; i < 100; i++) assert.equal(next()?.member.id, 'healthy');
  assert.ok(asked <= 1_000 + 100, `the first hundred picks asked ${asked}`);

  // From then on a pick asks the healthy subscription only: the stuck ones are parked.
  asked = 0;
  for (let i = 0; i < 100; i++) assert.equal(next()?.member.id, 'healthy');
  assert.equal(asked, 100);

  // One of them gets a delivery and is woken: it is asked, and its account, holding nothing in
  // flight, goes before the healthy one, which has two hundred.
  const woken = stuck[500] as Member;
  woken.queued = 1;
  order.wake(woken);
  asked = 0;
  assert.equal(next()?.member.id, 'stuck-500');
  assert.equal(asked, 1);
  // Asked again at the next pick (a pick does not park the one it chose), turned down and parked.
  asked = 0;
  assert.equal(next()?.member.id, 'healthy');
  assert.equal(asked, 2);

  // wakeAll asks every parked one again (and then the healthy one).
  order.wakeAll();
  asked = 0;
  assert.equal(next()?.member.id, 'healthy');
  assert.equal(asked, 1_001);
});

test('nothing may start: null, and every member stays known to wake', () => {
  const order = new FairOrder<Member>();
  const a = member('a', 'A', 0);
  const b = member('b', 'B', 0);
  order.add(a);
  order.add(b);
  assert.equal(
    order.next((m) => (m.queued > 0 ? 0 : null)),
    null,
  );
  b.queued = 1;
  order.wake(b);
  assert.equal(order.next((m) => (m.queued > 0 ? 0 : null))?.member.id, 'b');
  // A removed member is forgotten, parked or not: waking it does nothing.
  order.remove(a);
  a.queued = 5;
  order.wake(a);
  assert.equal(
    order.next((m) => (m.queued > 0 && m !== b ? 0 : null)),
    null,
  );
});
