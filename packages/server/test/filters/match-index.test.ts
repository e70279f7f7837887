import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchIndex } from '../../src/filters/match-index.js';

const ext = '/restapi/v1.0/account/1001/extension/2001';
const acc = '/restapi/v1.0/account/1001';

function indexOf(subscriptions: Record<string, string[]>): MatchIndex {
  const index = new MatchIndex();
  for (const [id, eventFilters] of Object.entries(subscriptions)) index.add({ id, eventFilters });
  return index;
}

describe('MatchIndex', () => {
  it('matches equal paths and nothing else', () => {
    const index = indexOf({
      a: [`${ext}/presence`],
      b: [`${ext}/message-store`],
      c: [`${acc}/extension/2002/presence`],
    });
    assert.deepEqual(index.match({ path: `${ext}/presence`, params: {} }), [
      { subscriptionId: 'a', filter: `${ext}/presence` },
    ]);
    assert.deepEqual(index.match({ path: `${ext}/presence/line`, params: {} }), []);
    assert.deepEqual(index.match({ path: ext, params: {} }), []);
  });

  it('is case-sensitive (RingCentral paths are)', () => {
    const index = indexOf({ a: [`${ext}/presence`] });
    assert.deepEqual(index.match({ path: `${ext}/Presence`, params: {} }), []);
  });

  describe('parameters', () => {
    const index = indexOf({
      sms: [`${ext}/message-store?type=SMS`],
      inboundSms: [`${ext}/message-store?type=SMS&direction=Inbound`],
      any: [`${ext}/message-store`],
    });
    const ids = (params: Record<string, string>) =>
      index
        .match({ path: `${ext}/message-store`, params })
        .map((m) => m.subscriptionId)
        .sort();

    it('a filter parameter the event carries must have the same value', () => {
      assert.deepEqual(ids({ type: 'SMS', direction: 'Inbound' }), ['any', 'inboundSms', 'sms']);
      assert.deepEqual(ids({ type: 'SMS', direction: 'Outbound' }), ['any', 'sms']);
      assert.deepEqual(ids({ type: 'Fax' }), ['any']);
    });

    it('a filter parameter the event does not carry does not restrict', () => {
      assert.deepEqual(ids({}), ['any', 'inboundSms', 'sms']);
      assert.deepEqual(ids({ direction: 'Inbound' }), ['any', 'inboundSms', 'sms']);
    });

    it('event attributes the filter does not name do not restrict', () => {
      assert.deepEqual(ids({ type: 'SMS', priority: 'High' }), ['any', 'inboundSms', 'sms']);
    });

    it('detailedTelephonyState is a delivery option, not a restriction', () => {
      const presence = indexOf({ a: [`${ext}/presence?detailedTelephonyState=true`] });
      assert.equal(presence.match({ path: `${ext}/presence`, params: {} }).length, 1);
    });

    it('values compare exactly and inherited object keys are not parameters', () => {
      const typed = indexOf({ a: [`${ext}/message-store?type=SMS`] });
      assert.equal(typed.match({ path: `${ext}/message-store`, params: { type: 'sms' } }).length, 0);
      const proto = indexOf({ a: [`${ext}/message-store?toString=x`] });
      assert.equal(proto.match({ path: `${ext}/message-store`, params: {} }).length, 1);
    });
  });

  describe('account-wide filters', () => {
    const index = indexOf({
      presence: [`${acc}/presence`],
      sessions: [`${acc}/telephony/sessions?direction=Inbound`],
      messages: [`${acc}/message-store`],
      otherAccount: ['/restapi/v1.0/account/9999/presence'],
    });

    it('match extension-level events of resources offered account-wide', () => {
      assert.deepEqual(index.match({ path: `${ext}/presence`, params: {} }), [
        { subscriptionId: 'presence', filter: `${acc}/presence` },
      ]);
      assert.deepEqual(
        index.match({ path: `${acc}/extension/3003/telephony/sessions`, params: { direction: 'Inbound' } }),
        [{ subscriptionId: 'sessions', filter: `${acc}/telephony/sessions?direction=Inbound` }],
      );
      assert.deepEqual(
        index.match({ path: `${ext}/telephony/sessions`, params: { direction: 'Outbound' } }),
        [],
      );
    });

    it('also match events published at the account level', () => {
      assert.equal(index.match({ path: `${acc}/presence`, params: {} })[0]?.subscriptionId, 'presence');
    });

    it('do not cover other resources or other accounts', () => {
      assert.deepEqual(index.match({ path: `${ext}/message-store`, params: {} }), []);
      assert.deepEqual(index.match({ path: `${ext}/presence/line`, params: {} }), []);
      assert.deepEqual(index.match({ path: '/restapi/v1.0/account/9999/extension/1/presence', params: {} }), [
        { subscriptionId: 'otherAccount', filter: '/restapi/v1.0/account/9999/presence' },
      ]);
    });
  });

  describe('one match per subscription, the most specific filter', () => {
    it('an extension filter beats an account-wide one, whatever the order', () => {
      const index = indexOf({ s: [`${acc}/presence`, `${ext}/presence`] });
      assert.deepEqual(index.match({ path: `${ext}/presence`, params: {} }), [
        { subscriptionId: 's', filter: `${ext}/presence` },
      ]);
    });

    it('then more matching parameters (detailed presence supersedes simple, §6.3)', () => {
      const index = indexOf({
        s: [`${ext}/presence`, `${ext}/presence?detailedTelephonyState=true`, `${ext}/presence?sipData=true`],
      });
      assert.deepEqual(index.match({ path: `${ext}/presence`, params: { detailedTelephonyState: 'true' } }), [
        { subscriptionId: 's', filter: `${ext}/presence?detailedTelephonyState=true` },
      ]);
      assert.deepEqual(index.match({ path: `${ext}/presence`, params: { sipData: 'true' } }), [
        { subscriptionId: 's', filter: `${ext}/presence?sipData=true` },
      ]);
    });

    it('an extension filter with fewer parameters still beats an account-wide one with more', () => {
      const index = indexOf({
        s: [`${acc}/telephony/sessions?direction=Inbound`, `${ext}/telephony/sessions`],
      });
      assert.equal(
        index.match({ path: `${ext}/telephony/sessions`, params: { direction: 'Inbound' } })[0]?.filter,
        `${ext}/telephony/sessions`,
      );
    });

    it('ties go to the first filter in the list', () => {
      const index = indexOf({
        s: [
          `${ext}/message-store?direction=Inbound`,
          `${ext}/message-store?type=SMS`,
          `${ext}/message-store`,
        ],
      });
      assert.deepEqual(index.match({ path: `${ext}/message-store`, params: {} }), [
        { subscriptionId: 's', filter: `${ext}/message-store?direction=Inbound` },
      ]);
      assert.deepEqual(
        index.match({ path: `${ext}/message-store`, params: { type: 'SMS', direction: 'Inbound' } }),
        [{ subscriptionId: 's', filter: `${ext}/message-store?direction=Inbound` }],
      );
      assert.deepEqual(
        index.match({ path: `${ext}/message-store`, params: { type: 'SMS', direction: 'Outbound' } }),
        [{ subscriptionId: 's', filter: `${ext}/message-store?type=SMS` }],
      );
    });

    it('different subscriptions each get their own match', () => {
      const index = indexOf({
        a: [`${ext}/presence`],
        b: [`${acc}/presence`],
        c: [`${ext}/presence`, `${acc}/presence`],
      });
      assert.deepEqual(index.match({ path: `${ext}/presence`, params: {} }), [
        { subscriptionId: 'a', filter: `${ext}/presence` },
        { subscriptionId: 'c', filter: `${ext}/presence` },
        { subscriptionId: 'b', filter: `${acc}/presence` },
      ]);
    });
  });

  describe('add, remove, replace, size', () => {
    it('remove stops matching and forgets the subscription', () => {
      const index = indexOf({ a: [`${ext}/presence`, `${acc}/presence`], b: [`${ext}/presence`] });
      assert.equal(index.size, 2);
      index.remove('a');
      assert.equal(index.size, 1);
      assert.deepEqual(index.match({ path: `${ext}/presence`, params: {} }), [
        { subscriptionId: 'b', filter: `${ext}/presence` },
      ]);
      index.remove('a');
      index.remove('never-added');
      index.remove('b');
      assert.equal(index.size, 0);
      assert.deepEqual(index.match({ path: `${ext}/presence`, params: {} }), []);
    });

    it('add with an existing id replaces its filters', () => {
      const index = indexOf({ a: [`${ext}/presence`] });
      index.add({ id: 'a', eventFilters: [`${ext}/message-store`] });
      assert.equal(index.size, 1);
      assert.deepEqual(index.match({ path: `${ext}/presence`, params: {} }), []);
      assert.deepEqual(index.match({ path: `${ext}/message-store`, params: {} }), [
        { subscriptionId: 'a', filter: `${ext}/message-store` },
      ]);
    });

    it('never matches the reminder filter, yet counts its subscription', () => {
      const reminder = '/restapi/v1.0/subscription/~?threshold=120&interval=60';
      const index = indexOf({ r: [reminder] });
      assert.equal(index.size, 1);
      assert.deepEqual(
        index.match({ path: '/restapi/v1.0/subscription/~', params: { threshold: '120', interval: '60' } }),
        [],
      );
    });

    it('skips stored filters that no longer parse instead of throwing', () => {
      const index = indexOf({ a: ['not a filter', `${ext}/presence`] });
      assert.equal(index.match({ path: `${ext}/presence`, params: {} })[0]?.filter, `${ext}/presence`);
    });
  });
});

it('an event reaches only subscriptions of its own account, also on paths without an account', () => {
  const index = new MatchIndex();
  index.add({ id: 'a', accountId: '1001', eventFilters: ['/team-messaging/v1/posts'] });
  index.add({ id: 'b', accountId: '1002', eventFilters: ['/team-messaging/v1/posts'] });
  const hits = index.match({ path: '/team-messaging/v1/posts', params: {}, accountId: '1002' });
  assert.deepEqual(hits, [{ subscriptionId: 'b', filter: '/team-messaging/v1/posts' }]);
});
