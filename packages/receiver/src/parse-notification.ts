import { normaliseNotification } from './normalise-notification.js';
import type { Notification } from './protocol/envelope.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a notification body (JSON text or its UTF-8 bytes) into a normalised `Notification`,
 * leniently as RingCentral requires (see `normaliseNotification`). Does not verify anything:
 * `receive()` does that first.
 *
 * @throws WebhookVerificationError `invalid_json` or `invalid_envelope`.
 *
 * @example
 * const notification = parseNotification('{"uuid":"2661273919712564939","event":"/restapi/v1.0/account/1/extension/2/message-store",' +
 *   '"timestamp":"2014-04-29T14:29:27.408+0000","subscriptionId":"s-1","ownerId":2,"body":{"accountId":1,"extensionId":2,"changes":[]}}');
 * notification.timestamp; // '2014-04-29T14:29:27.408Z'
 * notification.ownerId; // '2'
 */
export function parseNotification(json: string | Uint8Array): Notification {
  return normaliseNotification(parseJson(typeof json === 'string' ? json : decodeUtf8(json)));
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw invalidJson('The request body is not valid UTF-8');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJson('The request body is not valid JSON');
  }
}

function invalidJson(problem: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'invalid_json',
    `${problem}. Notifications are JSON (Content-Type: application/json; charset=UTF-8); check the sender.`,
  );
}
