/**
 * @switchboard/receiver: receive RingCentral and Switchboard webhooks in any framework.
 * Answers the Validation-Token handshake, checks the Verification-Token and Standard Webhooks
 * signatures, parses and types the events, drops duplicates. Zero dependencies.
 *
 * Framework adapters live in the subpaths `@switchboard/receiver/node`, `/express`, `/fastify`
 * and `/fetch`.
 *
 * @example
 * import { createServer } from 'node:http';
 * import { isEvent } from '@switchboard/receiver';
 * import { createNodeHandler } from '@switchboard/receiver/node';
 *
 * createServer(
 *   createNodeHandler({
 *     verificationToken: process.env.VERIFICATION_TOKEN,
 *     onNotification: (notification) => {
 *       if (isEvent(notification, 'presence')) console.log(notification.body.presenceStatus);
 *     },
 *   }),
 * ).listen(3000);
 *
 * @module
 */

export {
  createWebhookHandler,
  type HandleContext,
  type HandlerMode,
  type WebhookErrorContext,
  type WebhookHandler,
  type WebhookHandlerOptions,
} from './create-webhook-handler.js';
export type { DedupeStore } from './dedupe/dedupe-store.js';
export {
  DEFAULT_DEDUPE_MAX_ENTRIES,
  MemoryDedupeStore,
  type MemoryDedupeStoreOptions,
} from './dedupe/memory-dedupe-store.js';
export { type EventFilter, matchesEventFilter, parseEventFilter } from './event-filter.js';
export { type EventBodies, type EventKind, eventKind, isEvent } from './event-kind.js';
export { normaliseNotification } from './normalise-notification.js';
export { normaliseTimestamp } from './normalise-timestamp.js';
export { parseNotification } from './parse-notification.js';
export type * from './protocol/bodies/extension.js';
export type * from './protocol/bodies/instant-message.js';
export type * from './protocol/bodies/message-store.js';
export type * from './protocol/bodies/presence.js';
export type * from './protocol/bodies/subscription-reminder.js';
export type * from './protocol/bodies/team-messaging.js';
export type * from './protocol/bodies/telephony-session.js';
export type { Notification, SubscriptionStatus } from './protocol/envelope.js';
export { HEADERS, MAX_RESPONSE_BYTES, RINGCENTRAL_USER_AGENT_PREFIX } from './protocol/headers.js';
export {
  base64ToBytes,
  bytesToBase64,
  decodeSecret,
  generateSecret,
  sign,
  signedContent,
  timingSafeEqual,
} from './protocol/signature.js';
export {
  type ErrorResult,
  type HandshakeResult,
  type NotificationResult,
  type ReceiveResult,
  receive,
} from './receive.js';
export { DEFAULT_MAX_BODY_BYTES, type ReceiveOptions } from './receive-options.js';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  type SignatureCheck,
  verifySignature,
} from './verify-signature.js';
export type { HeaderGetter, HeaderSource, WebhookRequest } from './webhook-request.js';
export type { WebhookResponse } from './webhook-response.js';
export {
  WEBHOOK_ERROR_STATUS,
  type WebhookErrorCode,
  WebhookVerificationError,
} from './webhook-verification-error.js';
