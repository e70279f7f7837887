import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandOwner } from '../../src/filters/expand-owner.js';
import { type ParsedFilter, parseFilter } from '../../src/filters/parse-filter.js';

const owner = { accountId: '1001', extensionId: '2001' };

function parsed(text: string): ParsedFilter {
  const filter = parseFilter(text);
  assert.ok(filter, `test filter should parse: ${text}`);
  return filter;
}

describe('expandOwner', () => {
  it('replaces ~ in account and extension segments with the owner ids (§2.1)', () => {
    const filter = expandOwner(
      parsed('/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true'),
      owner,
    );
    assert.deepEqual(filter, {
      path: '/restapi/v1.0/account/1001/extension/2001/presence',
      segments: ['restapi', 'v1.0', 'account', '1001', 'extension', '2001', 'presence'],
      params: { detailedTelephonyState: 'true' },
      text: '/restapi/v1.0/account/1001/extension/2001/presence?detailedTelephonyState=true',
    });
  });

  it('expands only the segment that is ~ and keeps explicit ids', () => {
    assert.equal(
      expandOwner(parsed('/restapi/v1.0/account/~/extension/3003/message-store'), owner).text,
      '/restapi/v1.0/account/1001/extension/3003/message-store',
    );
    assert.equal(
      expandOwner(parsed('/restapi/v1.0/account/~/telephony/sessions'), owner).text,
      '/restapi/v1.0/account/1001/telephony/sessions',
    );
  });

  it('keeps the query string byte for byte, in the order given', () => {
    assert.equal(
      expandOwner(
        parsed('/restapi/v1.0/account/~/extension/~/message-store?direction=Inbound&type=SMS'),
        owner,
      ).text,
      '/restapi/v1.0/account/1001/extension/2001/message-store?direction=Inbound&type=SMS',
    );
  });

  it('leaves the reminder filter unexpanded (§2.1 ReminderSet example)', () => {
    const reminder = '/restapi/v1.0/subscription/~?threshold=259200&interval=43200';
    assert.equal(expandOwner(parsed(reminder), owner).text, reminder);
  });

  it('does not modify its input', () => {
    const input = parsed('/restapi/v1.0/account/~/extension/~/presence');
    expandOwner(input, owner);
    assert.equal(input.text, '/restapi/v1.0/account/~/extension/~/presence');
    assert.equal(input.segments[3], '~');
  });
});
