/**
 * The scheme, host and port of a webhook address, for logs and events: its path and query may
 * carry the user's own secrets (RingCentral's guide shows `?auth_token=…` in an address), so
 * nothing past the origin is ever repeated. An address that does not parse yields a placeholder.
 *
 * @example
 * addressOrigin('https://hooks.example.com:8443/in?auth_token=abc'); // 'https://hooks.example.com:8443'
 */
export function addressOrigin(address: string): string {
  if (!URL.canParse(address)) return '(not a URL)';
  const { origin } = new URL(address);
  return origin === 'null' ? '(not a URL)' : origin;
}
