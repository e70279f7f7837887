import type { MessageType } from './message-store.js';

/**
 * Instant message (inbound SMS) event body (ringcentral-protocol.md §5.4 c), filter
 * `/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS`.
 */

export interface MessageParty {
  phoneNumber?: string;
  extensionNumber?: string;
  name?: string;
  location?: string;
}

export interface MessageAttachment {
  id: string;
  uri: string;
  type: string;
  contentType: string;
  size?: number;
}

export interface InstantMessageEventBody {
  id: string;
  type: MessageType;
  direction: 'Inbound' | 'Outbound';
  from: MessageParty;
  to: MessageParty[];
  creationTime: string;
  lastModifiedTime: string;
  readStatus: 'Read' | 'Unread';
  priority: 'Normal' | 'High';
  availability: 'Alive' | 'Deleted' | 'Purged';
  messageStatus: 'Queued' | 'Sent' | 'Delivered' | 'DeliveryFailed' | 'SendingFailed' | 'Received';
  subject?: string;
  attachments?: MessageAttachment[];
  conversationId?: string;
  conversation?: { id: string };
  ownerId?: string;
}
