import { readFileSync } from 'node:fs';

// Read at run time rather than imported: `src/outbound/` and `dist/outbound/` are both two levels
// below the package root, so one relative URL finds the package's own manifest from either.
const serverPackage = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * The User-Agent of every notification and handshake. RingCentral sends `RingCentral-Webhook/8.3`
 * and receivers match on the `RingCentral-Webhook/` prefix (ringcentral-protocol.md §5.2), so ours
 * keeps that product token first and names Switchboard in a comment (docs/decisions.md "Wire
 * compatibility").
 *
 * @example
 * headers['user-agent'] = USER_AGENT; // 'RingCentral-Webhook/8.3 (Switchboard/0.1.0)'
 */
export const USER_AGENT = `RingCentral-Webhook/8.3 (Switchboard/${serverPackage.version})`;
