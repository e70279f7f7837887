import { type EventDraft, extensionPath, type TriggerInput } from '../trigger-input.js';

/** Extension info changed (ringcentral-protocol.md §5.4 e): `hints` say which APIs to read again. */
export function extensionUpdate(input: TriggerInput): EventDraft[] {
  return [
    {
      event: extensionPath(input),
      body: {
        extensionId: input.extensionId,
        eventType: 'Update',
        hints: ['ExtensionInfo', 'CompanyNumbers'],
      },
      label: 'Update',
    },
  ];
}

/** Extension deleted (§5.4 e): how a RingCentral app learns it was uninstalled. */
export function extensionDelete(input: TriggerInput): EventDraft[] {
  return [
    {
      event: extensionPath(input),
      body: { extensionId: input.extensionId, eventType: 'Delete' },
      label: 'Delete',
    },
  ];
}
