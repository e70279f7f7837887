import {
  type EventDraft,
  extensionPath,
  hexId,
  iso,
  numericId,
  type TriggerInput,
} from '../trigger-input.js';

/** The states of one answered call, in order, and when each happens after the first (ms). */
const CALL = [
  { code: 'Setup', at: 0 },
  { code: 'Proceeding', at: 300 },
  { code: 'Answered', at: 6_000 },
  { code: 'Disconnected', at: 66_000 },
] as const;

/**
 * A whole call (ringcentral-protocol.md §5.4 d): Setup → Proceeding → Answered → Disconnected,
 * four events with the same `telephonySessionId` and party, `sequence` rising 1-4 and
 * `eventTime` a minute apart end to end. `direction`, `statusCode` and `missedCall` ride on the
 * path as attributes, so filters such as `telephony/sessions?statusCode=Answered` match one state.
 */
export function telephonySession(input: TriggerInput): EventDraft[] {
  const key = hexId(16);
  const telephonySessionId = `s-${key}`;
  const sessionId = numericId(12);
  const inbound = input.direction === 'Inbound';
  const own = { extensionId: input.extensionId };
  const start = input.now - CALL[CALL.length - 1]!.at;
  return CALL.map(({ code, at }, i) => ({
    event: extensionPath(
      input,
      `/telephony/sessions?direction=${input.direction}&statusCode=${code}&missedCall=false`,
    ),
    body: {
      sequence: i + 1,
      sessionId,
      telephonySessionId,
      serverId: '10.13.22.28.TAM',
      eventTime: iso(start + at),
      parties: [
        {
          accountId: input.accountId,
          extensionId: input.extensionId,
          id: `p-${key}-2`,
          direction: input.direction,
          to: { phoneNumber: input.to, ...(inbound ? own : {}) },
          from: { phoneNumber: input.from, ...(inbound ? {} : own) },
          status: { code, rcc: false },
          park: {},
          missedCall: false,
          standAlone: false,
          muted: false,
        },
      ],
      origin: { type: 'Call' },
    },
    label: code,
  }));
}
