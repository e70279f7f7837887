import {
  type EventDraft,
  extensionPath,
  hexId,
  iso,
  numericId,
  type TriggerInput,
} from '../trigger-input.js';

/**
 * A missed call, filter `…/extension/{e}/missed-calls` (the filter RingCentral's own apps subscribe
 * to). The body follows RingCentral's OpenAPI `MissedCallEvent`: flat, no `body` of its own, the
 * caller in `from`/`fromName` and the extension in `to`. The envelope fields the schema repeats
 * (`uuid`, `event`, `subscriptionId`) are the envelope's, so the body leaves them out.
 */
export function missedCalls(input: TriggerInput): EventDraft[] {
  return [
    {
      event: extensionPath(input, '/missed-calls'),
      body: {
        timestamp: iso(input.now),
        extensionId: input.extensionId,
        sessionId: numericId(11),
        serverId: `${numericId(5)}.${hexId(4)}`,
        from: input.from,
        fromName: 'Jordan Lee',
        to: input.to,
        toName: 'Alex Kim',
        sid: numericId(11),
      },
      label: `missed call from ${input.from}`,
    },
  ];
}
