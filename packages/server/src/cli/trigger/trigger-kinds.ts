import { catalogueKinds } from './catalogue-kinds.js';
import { extensionDelete, extensionUpdate } from './payloads/extension.js';
import { instantMessage } from './payloads/instant-message.js';
import { messageStore } from './payloads/message-store.js';
import { presence, presenceDetailed } from './payloads/presence.js';
import { teamMessagingPost } from './payloads/team-messaging.js';
import { telephonySession } from './payloads/telephony-session.js';
import type { TriggerKind } from './trigger-kind.js';

/** The kinds written by hand, each built from ringcentral-protocol.md §5.4. */
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
    description: 'a team-messaging post added: /restapi/v1.0/glip/posts',
    size: 1,
    build: teamMessagingPost,
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
