import { type EventDraft, extensionPath, iso, numericId, type TriggerInput } from '../trigger-input.js';

const DEFAULT_TEXT = { Inbound: 'Hi there! Are we still on for 3pm?', Outbound: 'Yes, see you at 3pm.' };

/**
 * An instant message (ringcentral-protocol.md §5.4 c), filter `…/message-store/instant?type=SMS`:
 * an inbound SMS is `Received` and `Unread`; an outbound one `Sent` and `Read`.
 */
export function instantMessage(input: TriggerInput): EventDraft[] {
  const id = numericId(12);
  const text = input.text ?? DEFAULT_TEXT[input.direction];
  const inbound = input.direction === 'Inbound';
  const created = iso(input.now);
  return [
    {
      event: extensionPath(input, `/message-store/instant?type=SMS&direction=${input.direction}`),
      body: {
        id,
        to: [{ phoneNumber: input.to, ...(inbound ? {} : { name: 'Jordan Lee' }) }],
        from: { phoneNumber: input.from, ...(inbound ? { name: 'Jordan Lee' } : {}) },
        type: 'SMS',
        creationTime: created,
        lastModifiedTime: created,
        readStatus: inbound ? 'Unread' : 'Read',
        priority: 'Normal',
        attachments: [
          {
            // An integer in RingCentral's published InstantMessageEvent schema.
            id: Number(id),
            uri: extensionPath(input, `/message-store/${id}/content/${id}`),
            type: 'Text',
            contentType: 'text/plain',
            size: Buffer.byteLength(text),
          },
        ],
        direction: input.direction,
        availability: 'Alive',
        subject: text,
        messageStatus: inbound ? 'Received' : 'Sent',
        conversationId: numericId(19),
      },
      label: `${input.from} → ${input.to}`,
    },
  ];
}
