import { randomUUID } from 'node:crypto';
import { HEADERS, sign } from '@switchboard/receiver';
import { USER_AGENT } from '../outbound/user-agent.js';

export interface HandshakeRequestParts {
  url: URL;
  validationToken: string;
  verificationToken: string | null;
  signingSecret: string | null;
  /** Unix seconds for `webhook-timestamp`. */
  nowSeconds: number;
}

/**
 * The raw handshake request (docs/decisions.md "Handshake", ringcentral-protocol.md §4.2, §4.5):
 * POST, empty body, `Content-Length: 0`, `Content-Type: application/json`, the fresh
 * `Validation-Token`, `Verification-Token` when set, our User-Agent, and Standard Webhooks
 * headers signed over the empty body when the subscription has a signing secret.
 *
 * @example
 * const bytes = await buildHandshakeRequest({ url, validationToken: randomUUID(), verificationToken: null, signingSecret: null, nowSeconds });
 */
export async function buildHandshakeRequest(parts: HandshakeRequestParts): Promise<Buffer> {
  const { url } = parts;
  const headers: Array<[string, string]> = [
    ['Host', url.host],
    [titleCase(HEADERS.userAgent), USER_AGENT],
    [titleCase(HEADERS.contentType), 'application/json'],
    ['Content-Length', '0'],
    [titleCase(HEADERS.validationToken), parts.validationToken],
  ];
  if (parts.verificationToken !== null) {
    headers.push([titleCase(HEADERS.verificationToken), parts.verificationToken]);
  }
  if (parts.signingSecret !== null) {
    const id = randomUUID();
    const signature = await sign(parts.signingSecret, id, parts.nowSeconds, '');
    headers.push(
      [titleCase(HEADERS.webhookId), id],
      [titleCase(HEADERS.webhookTimestamp), String(parts.nowSeconds)],
      [titleCase(HEADERS.webhookSignature), signature],
    );
  }
  // One request per connection: the answer ends at the latest when the receiver closes.
  headers.push(['Connection', 'close']);

  let head = `POST ${url.pathname}${url.search} HTTP/1.1\r\n`;
  for (const [name, value] of headers) {
    // **Header injection guard**: a CR or LF in a value would let it write its own headers.
    if (/[\0\r\n]/.test(value)) throw new TypeError(`${name} contains a control character`);
    head += `${name}: ${value}\r\n`;
  }
  return Buffer.from(`${head}\r\n`, 'latin1');
}

/** `validation-token` → `Validation-Token`, the spelling RingCentral sends (§4.2). */
function titleCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}
