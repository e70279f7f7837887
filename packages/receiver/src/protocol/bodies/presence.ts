/**
 * Presence event bodies (ringcentral-protocol.md §5.4 a), filters
 * `/restapi/v1.0/account/~/extension/~/presence[?detailedTelephonyState=true]` and account-wide
 * `/restapi/v1.0/account/~/presence`.
 */

export type TelephonyStatus = 'NoCall' | 'CallConnected' | 'Ringing' | 'OnHold' | 'ParkedCall';
export type PresenceStatus = 'Offline' | 'Busy' | 'Available';
export type DndStatus =
  | 'TakeAllCalls'
  | 'DoNotAcceptAnyCalls'
  | 'DoNotAcceptDepartmentCalls'
  | 'TakeDepartmentCallsOnly'
  | 'Unknown';

/** One call in a detailed presence body; at most the latest 7 are listed. */
export interface PresenceActiveCall {
  id: string;
  direction: 'Inbound' | 'Outbound';
  from?: string;
  fromName?: string;
  to?: string;
  toName?: string;
  telephonyStatus?: TelephonyStatus;
  startTime?: string;
  sessionId?: string;
  partyId?: string;
  telephonySessionId?: string;
  queueCall?: boolean;
  /** `final` on a call that ended. */
  terminationType?: string;
}

/**
 * The body of a presence notification. Without `detailedTelephonyState=true` in the filter there
 * are no `activeCalls` and no `totalActiveCalls`.
 */
export interface PresenceEventBody {
  extensionId: string;
  /** Orders notifications; they may arrive out of order (§7.6). */
  sequence?: number;
  telephonyStatus?: TelephonyStatus;
  presenceStatus?: PresenceStatus;
  userStatus?: PresenceStatus;
  meetingStatus?: 'Connected' | 'Disconnected';
  dndStatus?: DndStatus;
  dndStatusPersonal?: DndStatus;
  acceptCallQueueCalls?: boolean;
  allowSeeMyPresence?: boolean;
  ringOnMonitoredCall?: boolean;
  pickUpCallsOnHold?: boolean;
  /** Detailed presence only. */
  activeCalls?: PresenceActiveCall[];
  /** Detailed presence only. */
  totalActiveCalls?: number;
}
