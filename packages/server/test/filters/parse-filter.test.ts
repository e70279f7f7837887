import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFilter } from '../../src/filters/parse-filter.js';

describe('parseFilter', () => {
  // Real filters from ringcentral-protocol.md §3.1, §3.8, §5.4 and §6.1.
  const real = [
    '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true',
    '/restapi/v1.0/account/~/extension/~/message-store',
    '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS',
    '/restapi/v1.0/account/~/extension/~/message-store?type=SMS&direction=Inbound',
    '/restapi/v1.0/account/~/telephony/sessions',
    '/restapi/v1.0/account/~/extension/~/telephony/sessions?direction=Inbound&missedCall=true',
    '/restapi/v1.0/account/~/extension/~/telephony/sessions?phoneNumber=+14155550100&statusCode=Answered',
    '/restapi/v1.0/account/~/extension/~',
    '/restapi/v1.0/account/~/extension',
    '/restapi/v1.0/account/~/extension/~/presence/line/presence',
    '/restapi/v1.0/account/~/extension/~/favorite/presence',
    '/restapi/v1.0/account/~/extension/~/fax?direction=Inbound',
    '/restapi/v1.0/account/~/phone-number?usageType=ContactCenterNumber',
    '/restapi/v1.0/subscription/~?threshold=259200&interval=43200',
    '/restapi/v1.0/glip/posts',
    '/team-messaging/v1/posts',
    '/webinar/configuration/v1/company/sessions',
    '/webinar/registration/v1/company/sessions/registrants?webinarId=123',
  ];
  for (const text of real) {
    it(`accepts ${text}`, () => {
      assert.equal(parseFilter(text)?.text, text);
    });
  }

  it('splits path, segments and parameters', () => {
    assert.deepEqual(
      parseFilter('/restapi/v1.0/account/1001/extension/2001/presence?detailedTelephonyState=true'),
      {
        path: '/restapi/v1.0/account/1001/extension/2001/presence',
        segments: ['restapi', 'v1.0', 'account', '1001', 'extension', '2001', 'presence'],
        params: { detailedTelephonyState: 'true' },
        text: '/restapi/v1.0/account/1001/extension/2001/presence?detailedTelephonyState=true',
      },
    );
  });

  it('keeps the query string in the order given, since receivers compare `event` with it', () => {
    const text = '/restapi/v1.0/account/1/extension/2/message-store?type=SMS&direction=Inbound';
    const reversed = '/restapi/v1.0/account/1/extension/2/message-store?direction=Inbound&type=SMS';
    assert.equal(parseFilter(text)?.text, text);
    assert.equal(parseFilter(reversed)?.text, reversed);
    assert.deepEqual(Object.keys(parseFilter(reversed)?.params ?? {}), ['direction', 'type']);
  });

  it('trims surrounding whitespace and nothing else', () => {
    assert.equal(
      parseFilter('  /restapi/v1.0/account/~/presence\n')?.text,
      '/restapi/v1.0/account/~/presence',
    );
  });

  it('keeps the case of paths and values', () => {
    const parsed = parseFilter('/restapi/v1.0/account/~/extension/~/Presence?type=sms');
    assert.equal(parsed?.path, '/restapi/v1.0/account/~/extension/~/Presence');
    assert.deepEqual(parsed?.params, { type: 'sms' });
  });

  const malformed: Array<[string, string]> = [
    ['empty', ''],
    ['blank', '   '],
    ['no leading slash', 'restapi/v1.0/account/~/presence'],
    ['a namespace naming no resource', '/acme'],
    ['root in another case', '/RestApi/v1.0/account/~/presence'],
    ['other API version', '/restapi/v2/account/~/presence'],
    ['root only', '/restapi/v1.0'],
    ['root with trailing slash', '/restapi/v1.0/'],
    ['empty segment', '/restapi/v1.0/account//presence'],
    ['trailing slash', '/restapi/v1.0/account/~/presence/'],
    ['dot-dot segment', '/restapi/v1.0/account/~/../presence'],
    ['dot segment', '/restapi/v1.0/account/~/./presence'],
    ['inner space', '/restapi/v1.0/account/~/extension/~/pres ence'],
    ['tab', '/restapi/v1.0/account/~/presence?\tx=1'],
    ['control character', '/restapi/v1.0/account/~/presence\u0000'],
    ['DEL character', '/restapi/v1.0/account/~/pres\u007fence'],
    ['fragment', '/restapi/v1.0/account/~/presence#x'],
    ['percent-encoding', '/restapi/v1.0/account/%7E/presence'],
    ['non-ASCII', '/restapi/v1.0/account/~/présence'],
    ['tilde inside a segment', '/restapi/v1.0/account/~1/presence'],
    ['tilde as a resource', '/restapi/v1.0/account/~/~'],
    ['tilde after a nested subscription', '/restapi/v1.0/account/~/subscription/~'],
    ['tilde after team-messaging subscription', '/team-messaging/v1/subscription/~'],
    ['wildcard', '/restapi/v1.0/account/~/extension/*/presence'],
    ['empty query', '/restapi/v1.0/account/~/presence?'],
    ['parameter without value', '/restapi/v1.0/account/~/presence?detailedTelephonyState'],
    ['parameter with empty value', '/restapi/v1.0/account/~/presence?detailedTelephonyState='],
    ['empty pair', '/restapi/v1.0/account/~/message-store?type=SMS&&direction=Inbound'],
    ['second question mark', '/restapi/v1.0/account/~/message-store?type=SMS?direction=Inbound'],
    ['repeated parameter', '/restapi/v1.0/account/~/telephony/sessions?statusCode=Setup&statusCode=Answered'],
    ['parameter name not starting with a letter', '/restapi/v1.0/account/~/presence?1=true'],
    ['prototype-looking name', '/restapi/v1.0/account/~/presence?__proto__=x'],
    ['too long', `/restapi/v1.0/account/~/extension/~/${'a'.repeat(2048)}`],
  ];
  for (const [name, text] of malformed) {
    it(`rejects: ${name}`, () => {
      assert.equal(parseFilter(text), null);
    });
  }

  it('accepts exactly 2048 characters', () => {
    const prefix = '/restapi/v1.0/account/~/';
    const text = prefix + 'a'.repeat(2048 - prefix.length);
    assert.equal(text.length, 2048);
    assert.equal(parseFilter(text)?.text, text);
  });

  it('answers null, not an exception, for a non-string from untyped callers', () => {
    assert.equal(parseFilter(42 as unknown as string), null);
  });
});
