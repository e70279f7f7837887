import { parseEventFilter } from './event-filter.js';
import type { ExtensionEventBody, ExtensionListEventBody } from './protocol/bodies/extension.js';
import type { InstantMessageEventBody } from './protocol/bodies/instant-message.js';
import type { MessageStoreEventBody } from './protocol/bodies/message-store.js';
import type { PresenceEventBody } from './protocol/bodies/presence.js';
import type { SubscriptionReminderEventBody } from './protocol/bodies/subscription-reminder.js';
import type {
  TeamMessagingGroupEventBody,
  TeamMessagingPostEventBody,
} from './protocol/bodies/team-messaging.js';
import type { TelephonySessionEventBody } from './protocol/bodies/telephony-session.js';
import type { Notification } from './protocol/envelope.js';

/** The body type of each event kind (ringcentral-protocol.md §5.4). */
export interface EventBodies {
  presence: PresenceEventBody;
  'message-store': MessageStoreEventBody;
  'instant-message': InstantMessageEventBody;
  'telephony-session': TelephonySessionEventBody;
  extension: ExtensionEventBody;
  'extension-list': ExtensionListEventBody;
  'subscription-reminder': SubscriptionReminderEventBody;
  'team-messaging-post': TeamMessagingPostEventBody;
  'team-messaging-group': TeamMessagingGroupEventBody;
  unknown: unknown;
}

/** What a notification is about, derived from its `event`. */
export type EventKind = keyof EventBodies;

// Normalised paths (ids → `~`, see parseEventFilter) of the event filters §5.4 documents.
const KIND_BY_PATH: ReadonlyMap<string, EventKind> = new Map<string, EventKind>([
  ['/restapi/v1.0/account/~/extension/~/presence', 'presence'],
  ['/restapi/v1.0/account/~/presence', 'presence'],
  ['/restapi/v1.0/account/~/extension/~/message-store', 'message-store'],
  ['/restapi/v1.0/account/~/extension/~/message-store/instant', 'instant-message'],
  ['/restapi/v1.0/account/~/telephony/sessions', 'telephony-session'],
  ['/restapi/v1.0/account/~/extension/~/telephony/sessions', 'telephony-session'],
  ['/restapi/v1.0/account/~/extension/~', 'extension'],
  ['/restapi/v1.0/account/~/extension', 'extension-list'],
  ['/restapi/v1.0/subscription/~', 'subscription-reminder'],
  ['/restapi/v1.0/glip/posts', 'team-messaging-post'],
  ['/restapi/v1.0/glip/groups', 'team-messaging-group'],
]);

/**
 * The kind of event a notification's `event` names, after normalising ids, `~` and the query
 * string (§6.3); `'unknown'` for filters this library has no body type for.
 *
 * @example
 * eventKind('/restapi/v1.0/account/~/extension/6610372004/presence?detailedTelephonyState=true'); // 'presence'
 * eventKind('/restapi/v1.0/subscription/~?threshold=86400&interval=3600'); // 'subscription-reminder'
 */
export function eventKind(event: string): EventKind {
  return KIND_BY_PATH.get(parseEventFilter(event).path) ?? 'unknown';
}

/**
 * Narrows a notification's body type by its event kind.
 *
 * @example
 * if (isEvent(notification, 'message-store')) {
 *   for (const change of notification.body.changes) console.log(change.type, change.newCount);
 * } else if (isEvent(notification, 'subscription-reminder')) {
 *   await renew(notification.subscriptionId); // body.expiresIn seconds are left
 * }
 */
export function isEvent<K extends EventKind>(
  notification: Notification,
  kind: K,
): notification is Notification<EventBodies[K]> {
  return eventKind(notification.event) === kind;
}
