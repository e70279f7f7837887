import { catalogueKinds } from './catalogue-kinds.js';
import { extensionDelete, extensionUpdate } from './payloads/extension.js';
import { fax } from './payloads/fax.js';
import { instantMessage } from './payloads/instant-message.js';
import { messageStore } from './payloads/message-store.js';
import { missedCalls } from './payloads/missed-calls.js';
import { contactCenterPhoneNumber } from './payloads/phone-number.js';
import { presence, presenceDetailed, watchedPresence } from './payloads/presence.js';
import { presenceDnd, presenceLine } from './payloads/presence-line.js';
import { teamMessagingGroup, teamMessagingPost } from './payloads/team-messaging.js';
import { telephonySession } from './payloads/telephony-session.js';
import { voicemail } from './payloads/voicemail.js';
import type { TriggerKind } from './trigger-kind.js';

const EXTENSION = '/restapi/v1.0/account/{accountId}/extension/{extensionId}';

/**
 * The kinds written by hand, each built from ringcentral-protocol.md §5.4 or, for the filters the
 * developer guide documents but the OpenAPI catalogue lacks (documented-event-filters.ts), from
 * the guide's event page. `schema` is the spec's schema the body validates against, null where
 * the spec has none (test/cli/trigger-catalogue.test.ts then checks the guide's fields).
 */
const WRITTEN_KINDS: readonly TriggerKind[] = [
  {
    name: 'presence',
    filter: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/presence',
    schema: 'ExtensionPresenceEvent',
    description: 'presence changed: Available, no call',
    size: 1,
    build: presence,
  },
  {
    name: 'presence-detailed',
    filter: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/presence',
    schema: 'DetailedExtensionPresenceEvent',
    description: 'detailed presence: Busy on a call, with activeCalls',
    size: 1,
    build: presenceDetailed,
  },
  {
    name: 'message-store',
    filter: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store',
    schema: 'MessageEvent',
    description: 'message store changed: one new SMS',
    size: 1,
    build: messageStore,
  },
  {
    name: 'sms-inbound',
    filter: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/instant',
    schema: 'InstantMessageEvent',
    description: 'an SMS received: message-store/instant?type=SMS',
    size: 1,
    fixedDirection: 'Inbound',
    build: instantMessage,
  },
  {
    name: 'sms-outbound',
    filter: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/instant',
    schema: 'InstantMessageEvent',
    description: 'an SMS sent: message-store/instant?type=SMS',
    size: 1,
    fixedDirection: 'Outbound',
    build: instantMessage,
  },
  {
    name: 'telephony-session',
    filter: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/telephony/sessions',
    schema: 'ExtensionTelephonySessionsEvent',
    description: 'a whole call: Setup → Proceeding → Answered → Disconnected, 4 events',
    size: 4,
    build: telephonySession,
  },
  {
    name: 'extension-update',
    filter: '/restapi/v1.0/account/{accountId}/extension/{extensionId}',
    schema: 'ExtensionInfoEvent',
    description: 'extension info changed, with hints',
    size: 1,
    build: extensionUpdate,
  },
  {
    name: 'extension-delete',
    filter: '/restapi/v1.0/account/{accountId}/extension/{extensionId}',
    schema: 'ExtensionInfoEvent',
    description: 'extension deleted (how an app learns it was uninstalled)',
    size: 1,
    build: extensionDelete,
  },
  {
    name: 'team-messaging-post',
    filter: '/restapi/v1.0/glip/posts',
    schema: null,
    description: 'a team-messaging post added (the older glip name)',
    size: 1,
    build: teamMessagingPost('/restapi/v1.0/glip/posts'),
  },
  {
    name: 'team-messaging-v1-post',
    filter: '/team-messaging/v1/posts',
    schema: null,
    description: 'a team-messaging post added',
    size: 1,
    build: teamMessagingPost('/team-messaging/v1/posts'),
  },
  {
    name: 'glip-group',
    filter: '/restapi/v1.0/glip/groups',
    schema: null,
    description: 'the extension joined a team-messaging group (the older glip name)',
    size: 1,
    build: teamMessagingGroup('/restapi/v1.0/glip/groups'),
  },
  {
    name: 'team-messaging-group',
    filter: '/team-messaging/v1/groups',
    schema: null,
    description: 'the extension joined a team-messaging group',
    size: 1,
    build: teamMessagingGroup('/team-messaging/v1/groups'),
  },
  {
    name: 'team-messaging-chat',
    filter: '/team-messaging/v1/chats',
    schema: null,
    description: 'the extension joined a team-messaging chat',
    size: 1,
    build: teamMessagingGroup('/team-messaging/v1/chats'),
  },
  {
    name: 'fax',
    filter: `${EXTENSION}/fax`,
    schema: null,
    description: 'an inbound fax: fax?direction=Inbound',
    size: 1,
    fixedDirection: 'Inbound',
    build: fax,
  },
  {
    name: 'voicemail',
    filter: `${EXTENSION}/voicemail`,
    schema: 'VoicemailMessageEvent',
    description: 'a new voicemail, transcribed',
    size: 1,
    fixedDirection: 'Inbound',
    build: voicemail,
  },
  {
    name: 'missed-calls',
    filter: `${EXTENSION}/missed-calls`,
    schema: 'MissedCallEvent',
    description: 'a call the extension missed',
    size: 1,
    fixedDirection: 'Inbound',
    build: missedCalls,
  },
  {
    name: 'presence-line',
    filter: `${EXTENSION}/presence/line`,
    schema: null,
    description: 'the lines the extension monitors changed',
    size: 1,
    build: presenceLine,
  },
  {
    name: 'presence-line-presence',
    filter: `${EXTENSION}/presence/line/presence`,
    schema: 'ExtensionPresenceEvent',
    description: 'a monitored extension started ringing',
    size: 1,
    build: watchedPresence('/presence/line/presence'),
  },
  {
    name: 'favorite-presence',
    filter: `${EXTENSION}/favorite/presence`,
    schema: 'ExtensionPresenceEvent',
    description: 'a favorite extension started ringing',
    size: 1,
    build: watchedPresence('/favorite/presence'),
  },
  {
    name: 'presence-dnd',
    filter: `${EXTENSION}/presence/dnd`,
    schema: 'ExtensionPresenceEvent',
    description: 'Do Not Disturb turned on: DoNotAcceptAnyCalls',
    size: 1,
    build: presenceDnd,
  },
  {
    name: 'contact-center-phone-number',
    filter: '/restapi/v1.0/account/{accountId}/phone-number',
    schema: null,
    description: 'a contact-center number added: phone-number?usageType=ContactCenterNumber',
    size: 1,
    build: contactCenterPhoneNumber,
  },
];

/**
 * What `switchboard trigger <kind>` can publish: the kinds written by hand, then one for every
 * other event the catalogue documents (docs/cli.md "trigger").
 */
export const TRIGGER_KINDS: readonly TriggerKind[] = [...WRITTEN_KINDS, ...catalogueKinds(WRITTEN_KINDS)];

export function findTriggerKind(name: string): TriggerKind | undefined {
  return TRIGGER_KINDS.find((k) => k.name === name);
}

export type { TriggerKind } from './trigger-kind.js';
