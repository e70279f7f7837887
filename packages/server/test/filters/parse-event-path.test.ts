import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEventPath } from '../../src/filters/parse-event-path.js';

describe('parseEventPath', () => {
  it('parses a concrete path with attributes and finds its account', () => {
    assert.deepEqual(
      parseEventPath('/restapi/v1.0/account/1001/extension/2001/message-store?type=SMS&direction=Inbound'),
      {
        path: '/restapi/v1.0/account/1001/extension/2001/message-store',
        segments: ['restapi', 'v1.0', 'account', '1001', 'extension', '2001', 'message-store'],
        params: { type: 'SMS', direction: 'Inbound' },
        accountId: '1001',
      },
    );
  });

  it('has a null account outside /restapi/v1.0/account/{id}', () => {
    const parsed = parseEventPath('/team-messaging/v1/posts');
    assert.ok(!('error' in parsed));
    assert.equal(parsed.accountId, null);
    const glip = parseEventPath('/restapi/v1.0/glip/posts');
    assert.ok(!('error' in glip));
    assert.equal(glip.accountId, null);
  });

  it('refuses ~ and says why', () => {
    const result = parseEventPath('/restapi/v1.0/account/~/extension/2001/presence');
    assert.ok('error' in result);
    assert.match(result.error, /concrete ids/);
    assert.match(result.error, /~/);
  });

  it('refuses non-strings', () => {
    for (const raw of [undefined, null, 42, ['/restapi/v1.0/account/1/presence'], {}]) {
      const result = parseEventPath(raw);
      assert.ok('error' in result);
      assert.match(result.error, /must be a string/);
    }
  });

  it('refuses malformed paths with the grammar reason', () => {
    const cases: Array<[string, RegExp]> = [
      ['restapi/v1.0/account/1/presence', /start with '\/'/],
      ['/restapi/v1.0/account/1/../presence', /'\.\.' segment/],
      ['/restapi/v1.0/account/1//presence', /empty segment/],
      ['/restapi/v1.0/account/1/presence#x', /fragment/],
      ['/restapi/v1.0/account/1/pres ence', /whitespace/],
      ['/RestApi/v1.0/account/1/presence', /must start with '\/restapi\/v1.0\/'/],
      ['/restapi/v1.0/account/1/presence?type', /parameter 'type' needs a value/],
    ];
    for (const [raw, reason] of cases) {
      const result = parseEventPath(raw);
      assert.ok('error' in result, raw);
      assert.match(result.error, reason, raw);
    }
  });
});
