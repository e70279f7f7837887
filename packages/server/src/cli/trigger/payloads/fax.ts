import { type EventDraft, extensionPath, iso, numericId, type TriggerInput } from '../trigger-input.js';

/**
 * An inbound fax, filter `…/extension/{e}/fax?direction=Inbound`. RingCentral's OpenAPI spec has
 * no schema for it; the body is the developer guide's "Fax Message Event" page (its field table
 * and its sample): a message-store message of type `Fax` whose attachment is the rendered PDF,
 * with `faxResolution` and `faxPageCount`. Faxes are only ever announced inbound.
 */
export function fax(input: TriggerInput): EventDraft[] {
  const id = numericId(12);
  const received = iso(input.now);
  return [
    {
      event: extensionPath(input, '/fax?direction=Inbound'),
      body: {
        id,
        to: [{ phoneNumber: input.to }],
        from: { phoneNumber: input.from },
        type: 'Fax',
        creationTime: received,
        lastModifiedTime: received,
        readStatus: 'Unread',
        priority: 'Normal',
        attachments: [
          {
            id,
            uri: extensionPath(input, `/message-store/${id}/content/${id}`),
            type: 'RenderedDocument',
            contentType: 'application/pdf',
          },
        ],
        direction: 'Inbound',
        availability: 'Alive',
        // The guide's sample: a fax's subject is the sending fax number.
        subject: input.from,
        messageStatus: 'Received',
        faxResolution: 'High',
        faxPageCount: 2,
      },
      label: `fax from ${input.from}, 2 pages`,
    },
  ];
}
