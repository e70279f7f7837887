import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';

/**
 * The address guard (docs/decisions.md "Subscriptions" → Address): production refuses http and
 * any address that resolves to loopback, private, link-local, CGNAT, multicast or metadata
 * ranges. **The check runs inside the socket's DNS lookup, at connect time**: checking once at
 * subscription time and connecting later lets DNS rebinding swap in a private address.
 */
export interface UrlGuardOptions {
  allowHttp: boolean;
  allowPrivate: boolean;
  /** Resolves a hostname to its addresses; default `dns.lookup` (all). Injected in tests. */
  resolve?: (hostname: string) => Promise<string[]>;
}

export type AddressSyntaxResult =
  | { ok: true; url: URL }
  | { ok: false; code: 'CMN-101' | 'SUB-523'; detail: string };

/** Raised by the guarded lookup; `code` lets failure reasons and handshakes name it. */
export class AddressForbiddenError extends Error {
  readonly code = 'ERR_SWITCHBOARD_ADDRESS_FORBIDDEN';

  constructor(hostname: string, address: string, range: string) {
    const subject = hostname === address ? `${address} is` : `${hostname} resolves to ${address},`;
    super(`${subject} a ${range} address; only public addresses are allowed`);
    this.name = 'AddressForbiddenError';
  }
}

/**
 * The longest webhook address accepted (docs/errors.md, CMN-101): every list response and every
 * notification's request line carries it, so an unbounded one is a cost for everyone (docs/reliability.md,
 * finding 12). 2048 is what browsers and CDNs reliably pass in a URL.
 */
export const MAX_ADDRESS_LENGTH = 2048;

/**
 * Checks the form of a webhook address: an absolute http(s) URL without credentials; http only
 * where allowed (SUB-523, docs/ringcentral-protocol.md §4.4). Says nothing about where it resolves.
 *
 * @example
 * checkAddressSyntax('http://example.com/hook', { allowHttp: false });
 * // { ok: false, code: 'SUB-523', detail: 'http is not allowed, use https' }
 */
export function checkAddressSyntax(address: string, opts: { allowHttp: boolean }): AddressSyntaxResult {
  if (address.length > MAX_ADDRESS_LENGTH) {
    return { ok: false, code: 'CMN-101', detail: `must be at most ${MAX_ADDRESS_LENGTH} characters long` };
  }
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { ok: false, code: 'CMN-101', detail: 'must be an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, code: 'CMN-101', detail: 'must be an http or https URL' };
  }
  // Credentials in the URL would be sent nowhere (we never add Authorization) and end up in logs.
  if (url.username !== '' || url.password !== '') {
    return { ok: false, code: 'CMN-101', detail: 'must not contain a user name or password' };
  }
  if (url.protocol === 'http:' && !opts.allowHttp) {
    return { ok: false, code: 'SUB-523', detail: 'http is not allowed, use https' };
  }
  return { ok: true, url };
}

/** [first address, prefix length, name]; names finish "a … address" in error messages. */
const IPV4_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ['0.0.0.0', 8, '"this network" (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'shared CGNAT (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local or cloud metadata'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'IETF special-purpose'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'deprecated 6to4 relay'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved or broadcast'],
];

const IPV6_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  // ::/96 holds :: (unspecified), ::1 (loopback) and the deprecated IPv4-compatible form.
  ['::', 96, 'loopback, unspecified or IPv4-compatible'],
  ['64:ff9b:1::', 48, 'local-use NAT64'],
  ['100::', 64, 'discard-only'],
  ['100:0:0:1::', 64, 'dummy-prefix (RFC 9780)'],
  // Teredo, ORCHID, benchmarking and other IETF assignments: nothing a webhook is served from.
  ['2001::', 23, 'IETF special-purpose'],
  ['2001:db8::', 32, 'documentation'],
  ['3fff::', 20, 'documentation'],
  // SRv6 segment identifiers (RFC 9602): routed inside an operator's domain, never a web server.
  ['5f00::', 16, 'SRv6 segment identifier'],
  // Unique local: includes AWS's metadata endpoint fd00:ec2::254.
  ['fc00::', 7, 'unique local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'deprecated site-local'],
  ['ff00::', 8, 'multicast'],
];

/** IPv6 ranges whose addresses carry an IPv4 address that decides: [prefix, bits, offset]. */
const IPV6_EMBEDDING_IPV4: ReadonlyArray<readonly [string, number, number]> = [
  ['::ffff:0:0', 96, 12], // IPv4-mapped
  ['::ffff:0:0:0', 96, 12], // IPv4-translated (SIIT, RFC 2765): a translator connects to the IPv4 address
  ['64:ff9b::', 96, 12], // NAT64 well-known prefix: the gateway connects to the IPv4 address
  ['2002::', 16, 2], // 6to4
];

type Range = { bytes: Uint8Array; bits: number; name: string };
const ipv4Ranges: Range[] = IPV4_RANGES.map(([ip, bits, name]) => ({ bytes: ipv4Bytes(ip), bits, name }));
const ipv6Ranges: Range[] = IPV6_RANGES.map(([ip, bits, name]) => ({ bytes: ipv6Bytes(ip), bits, name }));
const ipv6Embeddings = IPV6_EMBEDDING_IPV4.map(([ip, bits, offset]) => ({
  bytes: ipv6Bytes(ip),
  bits,
  offset,
}));

/**
 * True when a webhook must not connect to `ip` in production (loopback, private, link-local,
 * CGNAT, multicast, metadata, reserved and documentation ranges, IPv4 and IPv6, including IPv4
 * embedded in IPv6). Anything that is not an IP address is refused too.
 *
 * @example
 * isForbiddenIp('169.254.169.254'); // true
 * isForbiddenIp('::ffff:10.0.0.1'); // true
 * isForbiddenIp('93.184.215.14'); // false
 */
export function isForbiddenIp(ip: string): boolean {
  return forbiddenRange(ip) !== null;
}

/** The name of the range that forbids `ip`, or null when `ip` is a public address. */
function forbiddenRange(ip: string): string | null {
  const bare = stripBrackets(ip);
  const version = isIP(bare);
  if (version === 4) return matchRange(ipv4Ranges, ipv4Bytes(bare));
  if (version !== 6) return 'unparseable';
  const bytes = ipv6Bytes(bare);
  for (const embedding of ipv6Embeddings) {
    if (inPrefix(bytes, embedding.bytes, embedding.bits)) {
      return matchRange(ipv4Ranges, bytes.subarray(embedding.offset, embedding.offset + 4));
    }
  }
  return matchRange(ipv6Ranges, bytes);
}

/**
 * Connect sites use this for hosts written as IP literals: `net.connect` skips the lookup for
 * those, so the guarded lookup never sees them. Returns the error to fail with, or null.
 */
export function checkIpLiteral(hostname: string, opts: UrlGuardOptions): AddressForbiddenError | null {
  const bare = stripBrackets(hostname);
  if (opts.allowPrivate || isIP(bare) === 0) return null;
  const range = forbiddenRange(bare);
  return range === null ? null : new AddressForbiddenError(bare, bare, range);
}

/**
 * A `lookup` for `net.connect`, `tls.connect` and undici's `connect` option that resolves the
 * host and fails with `ERR_SWITCHBOARD_ADDRESS_FORBIDDEN` when any address is forbidden (unless
 * `allowPrivate`). A host with one public and one private address is refused as a whole: a
 * connection may pick either.
 *
 * @example
 * net.connect({ host: 'example.com', port: 443, lookup: createGuardedLookup({ allowHttp: false, allowPrivate: false }) });
 */
export function createGuardedLookup(opts: UrlGuardOptions): LookupFunction {
  const resolve = opts.resolve ?? resolveWithDns;
  return (hostname, options, callback) => {
    const bare = stripBrackets(hostname);
    const resolved = isIP(bare) !== 0 ? Promise.resolve([bare]) : resolve(bare);
    resolved.then(
      (addresses) => {
        const wanted = wantedFamily(options.family);
        const found: LookupAddress[] = [];
        for (const address of addresses) {
          const family = isIP(address);
          if (family === 0) continue;
          if (!opts.allowPrivate) {
            const range = forbiddenRange(address);
            if (range !== null) return callback(new AddressForbiddenError(bare, address, range), '');
          }
          if (wanted === 0 || family === wanted) found.push({ address, family });
        }
        const first = found[0];
        if (!first) return callback(notFound(bare), '');
        if (options.all) callback(null, found);
        else callback(null, first.address, first.family);
      },
      (err: unknown) => callback(err instanceof Error ? err : notFound(bare), ''),
    );
  };
}

async function resolveWithDns(hostname: string): Promise<string[]> {
  const records = await dnsLookup(hostname, { all: true });
  return records.map((r) => r.address);
}

function wantedFamily(family: number | string | undefined): number {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function matchRange(ranges: readonly Range[], bytes: Uint8Array): string | null {
  for (const range of ranges) if (inPrefix(bytes, range.bytes, range.bits)) return range.name;
  return null;
}

function inPrefix(bytes: Uint8Array, prefix: Uint8Array, bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

/** Dotted-quad only: `isIP` has already rejected other forms (URL parsing normalises them). */
function ipv4Bytes(ip: string): Uint8Array {
  return Uint8Array.from(ip.split('.').map(Number));
}

/** Expects a valid IPv6 text form (`isIP(ip) === 6`), optionally with a zone id. */
function ipv6Bytes(ip: string): Uint8Array {
  let text = ip.split('%')[0] ?? '';
  const groups: number[] = [];
  const dotted = text.lastIndexOf('.') === -1 ? null : text.slice(text.lastIndexOf(':') + 1);
  if (dotted !== null) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  for (const g of headGroups) groups.push(Number.parseInt(g, 16));
  for (let i = 0; i < zeros; i++) groups.push(0);
  for (const g of tailGroups) groups.push(Number.parseInt(g, 16));
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}
