import {
  type EventDraft,
  extensionPath,
  numericId,
  sequenceBase,
  type TriggerInput,
} from '../trigger-input.js';

/**
 * The lines an extension monitors changed, filter `…/extension/{e}/presence/line`. RingCentral's
 * OpenAPI spec has no schema for it; the body is the developer guide's "Extension Presence Line
 * Event" (field table and sample): `extension`, a list of `{id}` of the monitored extensions, and
 * `sequence`.
 */
export function presenceLine(input: TriggerInput): EventDraft[] {
  const monitored = [numericId(11), numericId(11)];
  return [
    {
      event: extensionPath(input, '/presence/line'),
      body: {
        extension: monitored.map((id) => ({ id })),
        sequence: sequenceBase(input.now) + input.n,
      },
      label: `${monitored.length} monitored lines`,
    },
  ];
}

/**
 * The extension's Do Not Disturb status changed, filter `…/extension/{e}/presence/dnd`: the guide's
 * "Extension DND Status Event" carries only `extensionId` and `dndStatus` (the same field, with
 * the same values, as in RingCentral's `ExtensionPresenceEvent`).
 */
export function presenceDnd(input: TriggerInput): EventDraft[] {
  return [
    {
      event: extensionPath(input, '/presence/dnd'),
      body: { extensionId: input.extensionId, dndStatus: 'DoNotAcceptAnyCalls' },
      label: 'DoNotAcceptAnyCalls',
    },
  ];
}
