import { type EventDraft, iso, numericId, type TriggerInput } from '../trigger-input.js';

/** The filters team-messaging events are published at: the old `glip` names and the new ones. */
export type PostsFilter = '/restapi/v1.0/glip/posts' | '/team-messaging/v1/posts';
export type GroupsFilter =
  | '/restapi/v1.0/glip/groups'
  | '/team-messaging/v1/groups'
  | '/team-messaging/v1/chats';

/**
 * A team-messaging post (ringcentral-protocol.md §5.4 g; the developer guide's "Team Messaging
 * Post Event" and its sample), filter `/restapi/v1.0/glip/posts` or `/team-messaging/v1/posts`.
 * The path names no account: the event belongs to the publishing token's account. RingCentral
 * sends `null` for the empty fields.
 */
export function teamMessagingPost(filter: PostsFilter = '/restapi/v1.0/glip/posts') {
  return (input: TriggerInput): EventDraft[] => {
    const created = iso(input.now);
    const groupId = numericId(9);
    return [
      {
        event: filter,
        body: {
          id: numericId(10),
          groupId,
          type: 'TextMessage',
          text: input.text ?? 'Deploy finished: all green',
          creatorId: input.extensionId,
          addedPersonIds: null,
          creationTime: created,
          lastModifiedTime: created,
          attachments: null,
          activity: null,
          title: null,
          iconUri: null,
          iconEmoji: null,
          mentions: null,
          eventType: 'PostAdded',
        },
        label: `PostAdded in group ${groupId}`,
      },
    ];
  };
}

/**
 * The extension was added to a chat (§5.4 g; the guide's "Team Messaging Chats Event", example 1,
 * which names both `/team-messaging/v1/chats` and `/team-messaging/v1/groups`, and the older
 * `/restapi/v1.0/glip/groups`): `GroupJoined` with the chat and its members, `null` where the
 * guide's sample has it.
 */
export function teamMessagingGroup(filter: GroupsFilter) {
  return (input: TriggerInput): EventDraft[] => {
    const id = numericId(13);
    const created = iso(input.now - 1_000);
    return [
      {
        event: filter,
        body: {
          id,
          name: null,
          description: null,
          type: 'Group',
          status: 'Active',
          members: [input.extensionId, numericId(10), numericId(10)],
          isPublic: null,
          creationTime: created,
          lastModifiedTime: created,
          eventType: 'GroupJoined',
        },
        label: `GroupJoined chat ${id}`,
      },
    ];
  };
}
