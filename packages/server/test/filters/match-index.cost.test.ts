import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchIndex } from '../../src/filters/match-index.js';

const presence = '/restapi/v1.0/account/1001/extension/2001/presence';

/** Subscriptions that can never match `presence` above: other paths, extensions, accounts. */
function nonMatching(i: number): string[] {
  return [
    `/restapi/v1.0/account/1001/extension/${3000 + i}/presence`,
    `/restapi/v1.0/account/1001/extension/2001/message-store?type=SMS&n=${i}`,
    `/restapi/v1.0/account/${5000 + i}/presence`,
    `/restapi/v1.0/account/${5000 + i}/extension/2001/presence`,
    '/restapi/v1.0/account/1001/telephony/sessions',
    '/restapi/v1.0/subscription/~?threshold=120&interval=60',
  ];
}

/** Counts predicate evaluations for one presence event, with `others` non-matching subscriptions. */
function evaluationsWith(others: number): { evaluations: number; matched: number } {
  let evaluations = 0;
  const index = new MatchIndex({ onEvaluate: () => evaluations++ });
  for (let i = 0; i < others; i++) index.add({ id: `other-${i}`, eventFilters: nonMatching(i) });
  index.add({ id: 'exact', eventFilters: [presence] });
  index.add({ id: 'wide', eventFilters: ['/restapi/v1.0/account/1001/presence'] });
  index.add({ id: 'detailed', eventFilters: [`${presence}?detailedTelephonyState=true`] });
  const matched = index.match({ path: presence, params: {} }).length;
  return { evaluations, matched };
}

describe('MatchIndex cost', () => {
  it('does not evaluate subscriptions whose filters name other paths', () => {
    const few = evaluationsWith(0);
    const many = evaluationsWith(5000);
    assert.deepEqual(few, { evaluations: 3, matched: 3 });
    assert.deepEqual(many, few);
  });

  it('evaluates only the filters at the event path (and its account-wide path)', () => {
    let evaluated: string[] = [];
    const index = new MatchIndex({ onEvaluate: (_id, filter) => evaluated.push(filter) });
    index.add({
      id: 'a',
      eventFilters: [`${presence}?detailedTelephonyState=true`, '/restapi/v1.0/account/1001/presence'],
    });
    index.add({ id: 'b', eventFilters: ['/restapi/v1.0/account/1001/extension/2001/message-store'] });
    index.match({ path: presence, params: {} });
    assert.deepEqual(evaluated, [
      `${presence}?detailedTelephonyState=true`,
      '/restapi/v1.0/account/1001/presence',
    ]);

    // message-store is not offered account-wide: the account-level bucket is not even looked at.
    evaluated = [];
    index.add({ id: 'c', eventFilters: ['/restapi/v1.0/account/1001/message-store'] });
    index.match({ path: '/restapi/v1.0/account/1001/extension/2001/message-store', params: {} });
    assert.deepEqual(evaluated, ['/restapi/v1.0/account/1001/extension/2001/message-store']);
  });
});
