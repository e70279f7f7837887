/**
 * Telephony session event body (ringcentral-protocol.md §5.4 d), filters
 * `/restapi/v1.0/account/~/telephony/sessions` and `/restapi/v1.0/account/~/extension/~/telephony/sessions`.
 * Order parties' states by `sequence` and `eventTime`: notifications may arrive out of order (§7.6).
 */

export type TelephonyStatusCode =
  | 'Setup'
  | 'Proceeding'
  | 'Answered'
  | 'Disconnected'
  | 'Gone'
  | 'Parked'
  | 'Hold'
  | 'VoiceMail'
  | 'FaxReceive'
  | 'VoiceMailScreening';

export interface TelephonyPartyEndpoint {
  phoneNumber?: string;
  name?: string;
  extensionId?: string;
  deviceId?: string;
}

export interface TelephonyParty {
  id: string;
  accountId?: string;
  extensionId?: string;
  direction: 'Inbound' | 'Outbound';
  to?: TelephonyPartyEndpoint;
  from?: TelephonyPartyEndpoint;
  status: {
    code: TelephonyStatusCode;
    rcc?: boolean;
    /** With `Gone`: `AttendedTransfer`, `Conference`, `Supervising`, … */
    reason?: string;
    /** With `Gone`: the party this one became. */
    peerId?: { sessionId: string; telephonySessionId: string; partyId: string };
  };
  park?: { id?: string };
  missedCall?: boolean;
  standAlone?: boolean;
  muted?: boolean;
}

export interface TelephonySessionEventBody {
  sequence: number;
  sessionId: string;
  telephonySessionId: string;
  serverId?: string;
  eventTime: string;
  parties: TelephonyParty[];
  origin: {
    type:
      | 'Call'
      | 'RingOut'
      | 'RingMe'
      | 'Conference'
      | 'GreetingsRecording'
      | 'VerificationCall'
      | 'TestCall';
  };
}
