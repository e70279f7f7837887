import { extensionDelete, extensionUpdate } from './payloads/extension.js';
import { instantMessage } from './payloads/instant-message.js';
import { messageStore } from './payloads/message-store.js';
import { presence, presenceDetailed } from './payloads/presence.js';
import { teamMessagingPost } from './payloads/team-messaging.js';
import { telephonySession } from './payloads/telephony-session.js';
import type { Direction, EventDraft, TriggerInput } from './trigger-input.js';

export interface TriggerKind {
  name: string;
  description: string;
  /** Events one trigger publishes (a telephony session is four). */
  size: number;
  /** The direction this kind always has; otherwise `--direction` (default Inbound). */
  fixedDirection?: Direction;
  build(input: TriggerInput): EventDraft[];
}

/** What `switchboard trigger <kind>` can publish, each built from ringcentral-protocol.md §5.4. */
export const TRIGGER_KINDS: readonly TriggerKind[] = [
  {
    name: 'presence',
    description: 'presence changed: Available, no call',
    size: 1,
    build: presence,
  },
  {
    name: 'presence-detailed',
    description: 'detailed presence: Busy on a call, with activeCalls',
    size: 1,
    build: presenceDetailed,
  },
  {
    name: 'message-store',
    description: 'message store changed: one new SMS',
    size: 1,
    build: messageStore,
  },
  {
    name: 'sms-inbound',
    description: 'an SMS received: message-store/instant?type=SMS',
    size: 1,
    fixedDirection: 'Inbound',
    build: instantMessage,
  },
  {
    name: 'sms-outbound',
    description: 'an SMS sent: message-store/instant?type=SMS',
    size: 1,
    fixedDirection: 'Outbound',
    build: instantMessage,
  },
  {
    name: 'telephony-session',
    description: 'a whole call: Setup → Proceeding → Answered → Disconnected, 4 events',
    size: 4,
    build: telephonySession,
  },
  {
    name: 'extension-update',
    description: 'extension info changed, with hints',
    size: 1,
    build: extensionUpdate,
  },
  {
    name: 'extension-delete',
    description: 'extension deleted (how an app learns it was uninstalled)',
    size: 1,
    build: extensionDelete,
  },
  {
    name: 'team-messaging-post',
    description: 'a team-messaging post added: /restapi/v1.0/glip/posts',
    size: 1,
    build: teamMessagingPost,
  },
];

export function findTriggerKind(name: string): TriggerKind | undefined {
  return TRIGGER_KINDS.find((k) => k.name === name);
}
