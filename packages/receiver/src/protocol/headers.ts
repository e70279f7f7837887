/**
 * Header names of the RingCentral webhook protocol (ringcentral-protocol.md §4.2, §5.2) and of
 * Standard Webhooks signatures (https://www.standardwebhooks.com). All lower-case, as Node and
 * the fetch API expose them; HTTP header names are case-insensitive.
 */
export const HEADERS = {
  /** Sent by the server in the handshake only; the receiver echoes it back (§4.3). */
  validationToken: 'validation-token',
  /** The subscription's shared secret, sent with the handshake and every notification (§5.2). */
  verificationToken: 'verification-token',
  /** Standard Webhooks: the message id (Switchboard: the notification `uuid`). */
  webhookId: 'webhook-id',
  /** Standard Webhooks: Unix seconds when the message was signed. */
  webhookTimestamp: 'webhook-timestamp',
  /** Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` signatures. */
  webhookSignature: 'webhook-signature',
  contentType: 'content-type',
  userAgent: 'user-agent',
} as const;

/** RingCentral's notification User-Agent starts with this; match on the prefix (§5.2). */
export const RINGCENTRAL_USER_AGENT_PREFIX = 'RingCentral-Webhook/';

/** The largest handshake or notification response RingCentral accepts, headers and body (§4.3). */
export const MAX_RESPONSE_BYTES = 1024;
