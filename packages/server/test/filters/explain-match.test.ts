import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainMatch } from '../../src/filters/explain-match.js';

const ext = '/restapi/v1.0/account/1001/extension/2001';
const acc = '/restapi/v1.0/account/1001';

describe('explainMatch', () => {
  it('says where the path differs, counting segments from 1', () => {
    assert.deepEqual(explainMatch([`${ext}/message-store`], { path: `${ext}/presence`, params: {} }), {
      matched: false,
      reasons: [
        `${ext}/message-store: path differs at segment 7: filter has 'message-store', event has 'presence'`,
      ],
    });
  });

  it('says which path is shorter', () => {
    const { reasons } = explainMatch([`${ext}/presence/line`, ext], { path: `${ext}/presence`, params: {} });
    assert.deepEqual(reasons, [
      `${ext}/presence/line: event path ends before segment 8, filter continues with 'line'`,
      `${ext}: filter path ends before segment 7, event continues with 'presence'`,
    ]);
  });

  it('names the parameter and both values', () => {
    const { matched, reasons } = explainMatch([`${ext}/message-store?type=SMS`], {
      path: `${ext}/message-store`,
      params: { type: 'Fax' },
    });
    assert.equal(matched, false);
    assert.deepEqual(reasons, [
      `${ext}/message-store?type=SMS: parameter type: filter wants SMS, event has Fax`,
    ]);
  });

  it('explains account-wide filters on resources not offered account-wide', () => {
    const { reasons } = explainMatch([`${acc}/message-store`], { path: `${ext}/message-store`, params: {} });
    assert.deepEqual(reasons, [
      `${acc}/message-store: 'message-store' is not offered account-wide (only presence, telephony/sessions)`,
    ]);
  });

  it('explains reminder and invalid filters', () => {
    const { reasons } = explainMatch(['/restapi/v1.0/subscription/~?threshold=120&interval=60', 'junk'], {
      path: '/restapi/v1.0/subscription/~',
      params: {},
    });
    assert.match(reasons[0] ?? '', /renewal reminder filter is served by the scheduler/);
    assert.equal(reasons[1], 'junk: not a valid event filter');
  });

  it('names the winning filter and why the other matching ones lost', () => {
    const result = explainMatch([`${acc}/presence`, `${ext}/presence`, `${ext}/message-store`], {
      path: `${ext}/presence`,
      params: {},
    });
    assert.equal(result.matched, true);
    assert.equal(result.filter, `${ext}/presence`);
    assert.deepEqual(result.reasons, [
      `${acc}/presence: matches too, but '${ext}/presence' is more specific and is the one notified`,
      `${ext}/message-store: path differs at segment 7: filter has 'message-store', event has 'presence'`,
    ]);
  });

  it('matches with no reasons when the only filter matches', () => {
    assert.deepEqual(explainMatch([`${ext}/presence`], { path: `${ext}/presence`, params: { x: '1' } }), {
      matched: true,
      filter: `${ext}/presence`,
      reasons: [],
    });
  });
});
