import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIpLiteral, isForbiddenIp } from '../../src/outbound/url-guard.js';

/**
 * Finding 14 of docs/reliability.md: ranges of IANA's special-purpose registries (and the SIIT IPv4-translated
 * form) that the guard let through. Each address below is one a webhook must never reach in
 * production; a public control shows the guard does not refuse everything.
 */
const MISSED: Array<[string, string]> = [
  ['::ffff:0:127.0.0.1', 'IPv4-translated (::ffff:0:0:0/96) loopback'],
  ['::ffff:0:a9fe:a9fe', 'IPv4-translated cloud metadata, hex'],
  ['::ffff:0:10.0.0.1', 'IPv4-translated RFC 1918'],
  ['5f00::1', 'SRv6 segment identifiers (5f00::/16)'],
  ['5f00:ffff::1', 'SRv6 segment identifiers, end of range'],
  ['100:0:0:1::1', 'dummy IPv6 prefix (100:0:0:1::/64)'],
];

describe('address guard: special-purpose ranges', () => {
  for (const [ip, what] of MISSED) {
    it(`refuses ${ip} (${what})`, () => {
      assert.equal(isForbiddenIp(ip), true, ip);
      const refused = checkIpLiteral(`[${ip}]`, { allowHttp: false, allowPrivate: false });
      assert.ok(refused, `connect to [${ip}] is refused`);
      assert.match(refused.message, /only public addresses are allowed/);
    });
  }

  it('still lets public addresses through (the IPv4-translated form of a public address too)', () => {
    for (const ip of ['93.184.215.14', '2606:4700::1111', '::ffff:0:93.184.215.14', '5e00::1', '6000::1']) {
      assert.equal(isForbiddenIp(ip), false, ip);
    }
  });
});
