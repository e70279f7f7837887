import { mkdir, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import type { Exchange } from './local-receiver.js';
import { kindLabel } from './summarise-notification.js';

/** Headers that carry a secret or prove one: never written to a fixture. */
const SECRET_HEADERS = new Set(['verification-token', 'webhook-signature', 'authorization', 'cookie']);
export const REDACTED = '[redacted]';

/** One recorded notification, as `listen --record` writes it and `trigger --fixture` reads it. */
export interface Fixture {
  /** When `listen` received it. */
  recordedAt: string;
  /** The event kind, for people (`presence`, `telephony-session`, …). */
  kind: string;
  /** The request's headers, lower-case, secrets replaced by `[redacted]`. */
  headers: Record<string, string>;
  /** The request body exactly as received: the notification envelope's JSON text. */
  body: string;
}

/**
 * Writes one notification to `dir` as `<time>-<kind>-<uuid>.json` (mode 0600), headers and raw
 * body, with the Verification-Token and the signature redacted, and returns the file's path.
 * The body is kept byte for byte, so a replay can be compared with what was recorded.
 */
export async function recordFixture(dir: string, x: Exchange): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const fixture: Fixture = {
    recordedAt: x.receivedAt.toISOString(),
    kind: kindLabel(x.notification.event),
    headers: redactHeaders(x.headers),
    body: x.rawBody.toString('utf8'),
  };
  const stamp = fixture.recordedAt.replace(/[:.]/g, '-');
  const file = join(dir, `${stamp}-${fixture.kind}-${x.notification.uuid.slice(0, 8)}.json`);
  await writeFile(file, `${JSON.stringify(fixture, null, 2)}\n`, { mode: 0o600 });
  return file;
}

function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SECRET_HEADERS.has(name) ? REDACTED : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
