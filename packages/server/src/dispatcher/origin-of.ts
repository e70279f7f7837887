import { addressOrigin } from '../outbound/address-origin.js';

const origins = new Map<string, string>();

/**
 * The scheme, host and port of an address — what the per-origin cap, the back-off and the
 * sender threads count by — parsed once per address (a URL parse per attempt showed in profiles).
 *
 * @example
 * originOf('https://hooks.example.com/in?x=1'); // 'https://hooks.example.com'
 */
export function originOf(address: string): string {
  let origin = origins.get(address);
  if (origin === undefined) {
    if (origins.size >= 10_000) origins.clear();
    origin = addressOrigin(address);
    origins.set(address, origin);
  }
  return origin;
}
