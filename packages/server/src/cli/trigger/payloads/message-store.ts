import {
  type EventDraft,
  extensionPath,
  idValue,
  iso,
  numericId,
  type TriggerInput,
} from '../trigger-input.js';

/**
 * A message-store change (ringcentral-protocol.md §5.4 b): one new SMS. The event only says that
 * something changed; `type` and `direction` ride on the path as attributes, so filters such as
 * `message-store?type=SMS&direction=Inbound` match it and `?type=Fax` does not.
 */
export function messageStore(input: TriggerInput): EventDraft[] {
  return [
    {
      event: extensionPath(input, `/message-store?type=SMS&direction=${input.direction}`),
      body: {
        accountId: idValue(input.accountId),
        // A string, as RingCentral's published MessageEvent schema has it (the guide's sample shows a number).
        extensionId: input.extensionId,
        lastUpdated: iso(input.now),
        changes: [{ type: 'SMS', newCount: 1, updatedCount: 0, newMessageIds: [Number(numericId(11))] }],
      },
      label: `SMS +1 ${input.direction}`,
    },
  ];
}
