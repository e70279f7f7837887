import { type EventDraft, iso, numericId, type TriggerInput } from '../trigger-input.js';

/**
 * A team-messaging post (ringcentral-protocol.md §5.4 g), filter `/restapi/v1.0/glip/posts`. The
 * path names no account: the event belongs to the publishing token's account. RingCentral sends
 * `null` for the empty fields.
 */
export function teamMessagingPost(input: TriggerInput): EventDraft[] {
  const created = iso(input.now);
  const groupId = numericId(9);
  return [
    {
      event: '/restapi/v1.0/glip/posts',
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
}
