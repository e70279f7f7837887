import {
  type EventDraft,
  extensionPath,
  hexId,
  iso,
  numericId,
  sequenceBase,
  type TriggerInput,
} from '../trigger-input.js';

/** Fields every presence body carries (ringcentral-protocol.md §5.4 a). */
function common(input: TriggerInput) {
  return {
    extensionId: input.extensionId,
    sequence: sequenceBase(input.now) + input.n,
    meetingStatus: 'Disconnected',
    dndStatus: 'TakeAllCalls',
    allowSeeMyPresence: true,
    ringOnMonitoredCall: false,
    pickUpCallsOnHold: false,
  };
}

/** Simple presence (filter without `detailedTelephonyState`): no `activeCalls`. */
export function presence(input: TriggerInput): EventDraft[] {
  return [
    {
      event: extensionPath(input, '/presence'),
      body: {
        ...common(input),
        telephonyStatus: 'NoCall',
        presenceStatus: 'Available',
        userStatus: 'Available',
      },
      label: 'Available',
    },
  ];
}

/**
 * Detailed presence (`?detailedTelephonyState=true`, §5.4 a): on a call, with `activeCalls` and
 * `totalActiveCalls`. The attribute on the path lets detailed-only filters match it.
 */
export function presenceDetailed(input: TriggerInput): EventDraft[] {
  const telephonySessionId = `s-${hexId(16)}`;
  const sessionId = numericId(11);
  return [
    {
      event: extensionPath(input, '/presence?detailedTelephonyState=true'),
      body: {
        ...common(input),
        telephonyStatus: 'CallConnected',
        presenceStatus: 'Busy',
        userStatus: 'Available',
        activeCalls: [
          {
            id: hexId(16),
            direction: input.direction,
            queueCall: false,
            from: input.from,
            ...(input.direction === 'Inbound' ? { fromName: 'Jordan Lee' } : {}),
            to: input.to,
            telephonyStatus: 'CallConnected',
            startTime: iso(input.now - 5_000),
            sessionId,
            partyId: `p-${telephonySessionId.slice(2)}-2`,
            telephonySessionId,
          },
        ],
        totalActiveCalls: 1,
      },
      label: 'Busy, CallConnected',
    },
  ];
}

/**
 * The presence of an extension this one watches: filters `…/presence/line/presence` (monitored
 * lines) and `…/favorite/presence` (favorites). The developer guide's presence page documents
 * both as delivering the Extension Presence Event, for the watched extension: here one that has
 * just started ringing.
 */
export function watchedPresence(rest: '/presence/line/presence' | '/favorite/presence') {
  return (input: TriggerInput): EventDraft[] => {
    const watched = numericId(11);
    return [
      {
        event: extensionPath(input, rest),
        body: {
          ...common(input),
          extensionId: watched,
          telephonyStatus: 'Ringing',
          presenceStatus: 'Busy',
          userStatus: 'Available',
        },
        label: `${watched} Busy, Ringing`,
      },
    ];
  };
}
