/**
 * Team messaging event bodies (ringcentral-protocol.md §5.4 g), filters `/restapi/v1.0/glip/posts`
 * and `/restapi/v1.0/glip/groups` (newer names: `/team-messaging/v1/posts`, `/team-messaging/v1/chats`).
 * The envelope's `event` may be rewritten to `/restapi/v1.0/account/{id}/extension/{id}/glip/…`,
 * and `ownerId` may be absent. RingCentral's samples send `null` for many empty fields.
 */

export interface TeamMessagingPostEventBody {
  eventType: 'PostAdded' | 'PostChanged' | 'PostRemoved';
  id: string;
  groupId?: string;
  /** `TextMessage`, `PersonJoined`, `PersonsAdded`, … */
  type?: string;
  text?: string | null;
  creatorId?: string;
  addedPersonIds?: string[] | null;
  mentions?: Array<{ id: string; type: string; name?: string }> | null;
  attachments?: unknown[] | null;
  activity?: string | null;
  title?: string | null;
  iconUri?: string | null;
  iconEmoji?: string | null;
  creationTime?: string;
  lastModifiedTime?: string;
}

export interface TeamMessagingGroupEventBody {
  /** `GroupLeft` carries only `id`; `GroupRenamed` has no `members`. */
  eventType: 'GroupRenamed' | 'GroupJoined' | 'GroupLeft' | 'GroupChanged';
  id: string;
  /** `PrivateChat`, `Group`, `Team`, `PersonalChat`, … */
  type?: string;
  name?: string | null;
  description?: string | null;
  status?: string;
  members?: string[];
  isPublic?: boolean | null;
  creationTime?: string;
  lastModifiedTime?: string;
}
