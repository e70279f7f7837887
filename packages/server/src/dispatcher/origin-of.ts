import { addressOrigin } from '../outbound/address-origin.js';

interface ParsedAddress {
  /** Null when the address does not parse. */
  url: URL | null;
  origin: string;
}

const parsed = new Map<string, ParsedAddress>();

/** An address parsed once, not per attempt (a URL parse per attempt showed in profiles). */
function parse(address: string): ParsedAddress {
  let entry = parsed.get(address);
  if (entry === undefined) {
    if (parsed.size >= 10_000) parsed.clear();
    entry = { url: URL.canParse(address) ? new URL(address) : null, origin: addressOrigin(address) };
    parsed.set(address, entry);
  }
  return entry;
}

/**
 * The scheme, host and port of an address: what the per-origin cap, the back-off and the sender
 * threads count by.
 *
 * @example
 * originOf('https://hooks.example.com/in?x=1'); // 'https://hooks.example.com'
 */
export function originOf(address: string): string {
  return parse(address).origin;
}

/**
 * The address as a URL, for sending to it; throws as `new URL` does when it does not parse. The
 * URL is shared: read it, never change it.
 */
export function urlOf(address: string): URL {
  return parse(address).url ?? new URL(address);
}
