/**
 * Message store event body (ringcentral-protocol.md §5.4 b), filter
 * `/restapi/v1.0/account/~/extension/~/message-store[?type=…&direction=…]`. It only says *that*
 * messages changed; fetch them through the message-store API.
 */

export type MessageType = 'Fax' | 'SMS' | 'VoiceMail' | 'Pager';

export interface MessageStoreChange {
  type: MessageType;
  /** Omitted when zero. */
  newCount?: number;
  /** Omitted when zero. */
  updatedCount?: number;
  /** RingCentral sends numbers; the receiver turns them into strings. */
  newMessageIds?: string[];
}

export interface MessageStoreEventBody {
  /** RingCentral sends a number here; the receiver turns it into a string. */
  accountId: string;
  /** RingCentral sends a number here; the receiver turns it into a string. */
  extensionId: string;
  lastUpdated: string;
  changes: MessageStoreChange[];
}
