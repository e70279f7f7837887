import { HEADERS } from '@switchboard/receiver';
import { USER_AGENT } from '../outbound/user-agent.js';
import { signNotification } from './sign-notification.js';

/**
 * Headers of one notification (docs/decisions.md "Wire compatibility"): never a Validation-Token
 * (receivers would take it for a handshake and drop the event, protocol §5.2). Every secret not yet
 * rotated out signs, so receivers keep verifying through a rotation.
 */
export function notificationHeaders(options: {
  uuid: string;
  /** The notification body, whole or in pieces sent one after the other. */
  body: string | readonly Uint8Array[];
  verificationToken: string | null;
  /** The secrets still signing now (rotated-out ones already left out). */
  signingSecrets: readonly string[];
  nowMs: number;
}): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=UTF-8',
    // Pieces go out one by one: the length is given, so nothing is chunked or copied.
    ...(typeof options.body !== 'string' && { 'content-length': String(byteLength(options.body)) }),
    accept: 'application/json',
    'user-agent': USER_AGENT,
  };
  if (options.verificationToken) headers[HEADERS.verificationToken] = options.verificationToken;
  const secrets = options.signingSecrets;
  if (secrets.length > 0) {
    const timestamp = Math.floor(options.nowMs / 1000);
    const signatures = secrets.map((secret) =>
      signNotification(secret, options.uuid, timestamp, options.body),
    );
    headers[HEADERS.webhookId] = options.uuid;
    headers[HEADERS.webhookTimestamp] = String(timestamp);
    headers[HEADERS.webhookSignature] = signatures.join(' ');
  }
  return headers;
}

function byteLength(parts: readonly Uint8Array[]): number {
  let length = 0;
  for (const part of parts) length += part.byteLength;
  return length;
}
