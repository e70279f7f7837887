import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { describe, it } from 'node:test';
import {
  checkAddressSyntax,
  checkIpLiteral,
  createGuardedLookup,
  isForbiddenIp,
  type UrlGuardOptions,
} from '../../src/outbound/url-guard.js';

const hostOf = (url: string) => new URL(url).hostname;

describe('isForbiddenIp', () => {
  const forbidden: Array<[string, string]> = [
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback /8'],
    ['10.1.2.3', 'RFC 1918'],
    ['172.16.0.1', 'RFC 1918'],
    ['172.31.255.255', 'RFC 1918 upper edge'],
    ['192.168.1.1', 'RFC 1918'],
    ['169.254.169.254', 'cloud metadata (link-local)'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.255', 'CGNAT upper edge'],
    ['0.0.0.0', 'this network'],
    ['0.1.2.3', 'this network /8'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.170', 'NAT64 discovery (IETF special-purpose)'],
    ['192.0.2.1', 'TEST-NET-1'],
    ['198.51.100.7', 'TEST-NET-2'],
    ['203.0.113.9', 'TEST-NET-3'],
    ['198.18.0.1', 'benchmarking'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['0:0:0:0:0:0:0:1', 'IPv6 loopback, long form'],
    ['fc00::1', 'ULA'],
    ['fd12:3456::1', 'ULA'],
    ['fd00:ec2::254', 'AWS metadata over IPv6'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with zone'],
    ['febf::1', 'link-local upper edge'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::127.0.0.1', 'IPv4-compatible (deprecated)'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of 169.254.169.254'],
    ['64:ff9b::7f00:1', 'NAT64 of 127.0.0.1'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['2002:7f00:1::', '6to4 of 127.0.0.1'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'Teredo'],
    ['[::1]', 'bracketed, as URL.hostname gives it'],
    [hostOf('http://2130706433/'), 'decimal 127.0.0.1'],
    [hostOf('http://0177.0.0.1/'), 'octal 127.0.0.1'],
    [hostOf('http://0x7f.1/'), 'hex, short 127.0.0.1'],
    [hostOf('http://0xa9fea9fe/'), 'hex 169.254.169.254'],
    [hostOf('http://0/'), 'zero'],
    [hostOf('http://[::ffff:127.0.0.1]/'), 'IPv4-mapped via URL'],
    ['example.com', 'not an IP: refused, fail closed'],
    ['2130706433', 'not normalised: refused, fail closed'],
  ];
  for (const [ip, why] of forbidden) {
    it(`refuses ${ip} (${why})`, () => assert.equal(isForbiddenIp(ip), true));
  }

  const allowed = [
    '93.184.215.14',
    '8.8.8.8',
    '1.1.1.1',
    '172.15.255.255',
    '172.32.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '169.253.255.255',
    '11.0.0.0',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ];
  for (const ip of allowed) {
    it(`allows public ${ip}`, () => assert.equal(isForbiddenIp(ip), false));
  }

  it('URL parsing normalises decimal, octal and hex hosts to dotted quads', () => {
    assert.equal(hostOf('http://2130706433/'), '127.0.0.1');
    assert.equal(hostOf('http://0177.0.0.1/'), '127.0.0.1');
    assert.equal(hostOf('http://0x7f000001/'), '127.0.0.1');
    assert.equal(hostOf('http://127.1/'), '127.0.0.1');
  });
});

describe('checkAddressSyntax', () => {
  it('accepts an https URL and returns it parsed', () => {
    const result = checkAddressSyntax('https://example.com/hook?x=1', { allowHttp: false });
    assert.equal(result.ok, true);
    if (result.ok) assert.equal(result.url.search, '?x=1');
  });

  it('refuses http with SUB-523 unless allowed', () => {
    const refused = checkAddressSyntax('http://example.com/hook', { allowHttp: false });
    assert.deepEqual(refused, { ok: false, code: 'SUB-523', detail: 'http is not allowed, use https' });
    assert.equal(checkAddressSyntax('http://example.com/hook', { allowHttp: true }).ok, true);
  });

  for (const address of [
    '/relative',
    'example.com/hook',
    'not a url',
    '',
    'ftp://example.com/',
    'ws://example.com/',
  ]) {
    it(`refuses ${JSON.stringify(address)} with CMN-101`, () => {
      const result = checkAddressSyntax(address, { allowHttp: true });
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.code, 'CMN-101');
    });
  }

  it('refuses credentials in the URL with CMN-101, without echoing them', () => {
    for (const address of ['https://user:secret@example.com/', 'https://user@example.com/']) {
      const result = checkAddressSyntax(address, { allowHttp: false });
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.code, 'CMN-101');
        assert.doesNotMatch(result.detail, /secret/);
      }
    }
  });
});

function lookupAll(guard: UrlGuardOptions, hostname: string, family?: number): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    createGuardedLookup(guard)(hostname, { all: true, ...(family && { family }) }, (err, addresses) =>
      err ? reject(err) : resolve(addresses as LookupAddress[]),
    );
  });
}

describe('createGuardedLookup', () => {
  const resolveTo = (addresses: string[]) => async () => addresses;

  it('returns every address with its family when all are public', async () => {
    const guard = {
      allowHttp: false,
      allowPrivate: false,
      resolve: resolveTo(['93.184.215.14', '2606:4700::1']),
    };
    assert.deepEqual(await lookupAll(guard, 'example.test'), [
      { address: '93.184.215.14', family: 4 },
      { address: '2606:4700::1', family: 6 },
    ]);
    assert.deepEqual(await lookupAll(guard, 'example.test', 6), [{ address: '2606:4700::1', family: 6 }]);
  });

  it('answers the single-address form too', async () => {
    const lookup = createGuardedLookup({
      allowHttp: false,
      allowPrivate: false,
      resolve: resolveTo(['8.8.8.8']),
    });
    const [address, family] = await new Promise<[unknown, unknown]>((resolve, reject) =>
      lookup('example.test', {}, (err, a, f) => (err ? reject(err) : resolve([a, f]))),
    );
    assert.equal(address, '8.8.8.8');
    assert.equal(family, 4);
  });

  it('refuses a host when any of its addresses is forbidden, naming address and range', async () => {
    const guard = {
      allowHttp: false,
      allowPrivate: false,
      resolve: resolveTo(['8.8.8.8', '169.254.169.254']),
    };
    await assert.rejects(lookupAll(guard, 'metadata.test'), (err: NodeJS.ErrnoException) => {
      assert.equal(err.code, 'ERR_SWITCHBOARD_ADDRESS_FORBIDDEN');
      assert.match(err.message, /metadata\.test resolves to 169\.254\.169\.254, a link-local/);
      return true;
    });
  });

  it('checks IP literals without resolving them', async () => {
    let calls = 0;
    const guard = {
      allowHttp: false,
      allowPrivate: false,
      resolve: async () => {
        calls++;
        return ['8.8.8.8'];
      },
    };
    await assert.rejects(lookupAll(guard, '[::1]'), { code: 'ERR_SWITCHBOARD_ADDRESS_FORBIDDEN' });
    assert.deepEqual(await lookupAll(guard, '1.1.1.1'), [{ address: '1.1.1.1', family: 4 }]);
    assert.equal(calls, 0);
  });

  it('allows private addresses when allowPrivate (local development)', async () => {
    const guard = { allowHttp: true, allowPrivate: true, resolve: resolveTo(['127.0.0.1']) };
    assert.deepEqual(await lookupAll(guard, 'localhost'), [{ address: '127.0.0.1', family: 4 }]);
  });

  it('passes resolver errors through and reports an empty answer as ENOTFOUND', async () => {
    const failing = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN x.test'), { code: 'EAI_AGAIN' });
    };
    await assert.rejects(lookupAll({ allowHttp: false, allowPrivate: false, resolve: failing }, 'x.test'), {
      code: 'EAI_AGAIN',
    });
    await assert.rejects(
      lookupAll({ allowHttp: false, allowPrivate: false, resolve: resolveTo([]) }, 'x.test'),
      { code: 'ENOTFOUND' },
    );
  });

  it('resolves real names with dns.lookup by default', async () => {
    const guard = { allowHttp: true, allowPrivate: false };
    await assert.rejects(lookupAll(guard, 'localhost'), { code: 'ERR_SWITCHBOARD_ADDRESS_FORBIDDEN' });
  });
});

describe('checkIpLiteral', () => {
  const guard = { allowHttp: false, allowPrivate: false };
  it('refuses forbidden literals, ignores names, and allows all when allowPrivate', () => {
    assert.equal(checkIpLiteral('127.0.0.1', guard)?.code, 'ERR_SWITCHBOARD_ADDRESS_FORBIDDEN');
    assert.equal(checkIpLiteral('[fd00:ec2::254]', guard)?.code, 'ERR_SWITCHBOARD_ADDRESS_FORBIDDEN');
    assert.equal(checkIpLiteral('8.8.8.8', guard), null);
    assert.equal(checkIpLiteral('example.com', guard), null);
    assert.equal(checkIpLiteral('127.0.0.1', { ...guard, allowPrivate: true }), null);
  });
});
