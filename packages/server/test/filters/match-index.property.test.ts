import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { explainMatch } from '../../src/filters/explain-match.js';
import { filterMatchesEvent } from '../../src/filters/filter-matches-event.js';
import { MatchIndex } from '../../src/filters/match-index.js';
import { parseFilter } from '../../src/filters/parse-filter.js';

// Small alphabets, so that random filters and events collide often: the interesting cases are
// several filters of one subscription matching the same event.
const account = fc.constantFrom('1', '1', '1', '2');
const extension = fc.constantFrom('10', '10', '20');
const resource = fc.constantFrom('presence', 'telephony/sessions', 'message-store', 'presence/line');
const params = fc.record(
  { type: fc.constantFrom('SMS', 'Fax'), direction: fc.constantFrom('Inbound', 'Outbound') },
  { requiredKeys: [] },
);
const query = (p: Record<string, string>) => {
  const q = Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return q ? `?${q}` : '';
};

const filter = fc.oneof(
  fc
    .tuple(account, extension, resource, params)
    .map(([a, e, r, p]) => `/restapi/v1.0/account/${a}/extension/${e}/${r}${query(p)}`),
  fc.tuple(account, resource, params).map(([a, r, p]) => `/restapi/v1.0/account/${a}/${r}${query(p)}`),
  fc.constant('/restapi/v1.0/subscription/~?threshold=120&interval=60'),
);
const event = fc.record({
  path: fc.oneof(
    fc
      .tuple(account, extension, resource)
      .map(([a, e, r]) => `/restapi/v1.0/account/${a}/extension/${e}/${r}`),
    fc.tuple(account, resource).map(([a, r]) => `/restapi/v1.0/account/${a}/${r}`),
  ),
  params,
});
const scenario = fc.record({
  subscriptions: fc.array(fc.array(filter, { minLength: 1, maxLength: 6 }), { maxLength: 12 }),
  replaced: fc.array(fc.tuple(fc.nat(20), fc.array(filter, { minLength: 1, maxLength: 3 })), {
    maxLength: 3,
  }),
  removed: fc.array(fc.nat(20), { maxLength: 4 }),
  events: fc.array(event, { minLength: 1, maxLength: 5 }),
});

/** The specification, written out independently of the index: every filter of every subscription. */
function bruteForce(
  subscriptions: Map<string, string[]>,
  ev: { path: string; params: Record<string, string> },
): Array<{ subscriptionId: string; filter: string }> {
  const segments = ev.path.split('/').slice(1);
  const result: Array<{ subscriptionId: string; filter: string }> = [];
  for (const [subscriptionId, filters] of subscriptions) {
    let best: { filter: string; segments: number; params: number } | null = null;
    for (const text of filters) {
      const parsed = parseFilter(text);
      assert.ok(parsed);
      const outcome = filterMatchesEvent(parsed, { segments, params: ev.params });
      if (!outcome.matched) continue;
      const rank = { filter: text, segments: parsed.segments.length, params: outcome.matchedParams };
      const better =
        !best ||
        rank.segments > best.segments ||
        (rank.segments === best.segments && rank.params > best.params);
      if (better) best = rank;
    }
    if (best) result.push({ subscriptionId, filter: best.filter });
  }
  return result;
}

const byId = (a: { subscriptionId: string }, b: { subscriptionId: string }) =>
  a.subscriptionId < b.subscriptionId ? -1 : a.subscriptionId > b.subscriptionId ? 1 : 0;

describe('MatchIndex (property)', () => {
  it('agrees with brute-force filterMatchesEvent and with explainMatch, after adds, replaces and removes', () => {
    fc.assert(
      fc.property(scenario, ({ subscriptions, replaced, removed, events }) => {
        const index = new MatchIndex();
        const truth = new Map<string, string[]>();
        const put = (id: string, eventFilters: string[]) => {
          index.add({ id, eventFilters });
          truth.set(id, eventFilters);
        };
        for (const [i, filters] of subscriptions.entries()) put(`s${i}`, filters);
        for (const [i, filters] of replaced) put(`s${i}`, filters);
        for (const i of removed) {
          index.remove(`s${i}`);
          truth.delete(`s${i}`);
        }
        assert.equal(index.size, truth.size);

        for (const ev of events) {
          const expected = bruteForce(truth, ev);
          assert.deepEqual(index.match(ev).sort(byId), expected.sort(byId));
          for (const [id, filters] of truth) {
            const explained = explainMatch(filters, ev);
            const hit = expected.find((m) => m.subscriptionId === id);
            assert.equal(explained.matched, hit !== undefined);
            assert.equal(explained.filter, hit?.filter);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
