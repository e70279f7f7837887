import { type EventDraft, extensionPath, iso, numericId, type TriggerInput } from '../trigger-input.js';

/**
 * A new voicemail, filter `…/extension/{e}/voicemail` (the developer guide's "Voicemail Message
 * Event", whose body RingCentral's OpenAPI spec publishes as `VoicemailMessageEvent`). `type` is
 * `Voicemail` as the spec's enum has it (the guide's sample writes `VoiceMail`); `id` and the
 * attachment's `id` are integers there.
 */
export function voicemail(input: TriggerInput): EventDraft[] {
  const id = Number(numericId(11));
  const received = iso(input.now);
  return [
    {
      event: extensionPath(input, '/voicemail'),
      body: {
        id,
        to: [{ phoneNumber: input.to, name: 'Alex Kim' }],
        from: { phoneNumber: input.from, name: 'Jordan Lee' },
        type: 'Voicemail',
        creationTime: iso(input.now - 20_000),
        lastModifiedTime: received,
        readStatus: 'Unread',
        priority: 'Normal',
        attachments: [
          {
            id,
            uri: extensionPath(input, `/message-store/${id}/content/${id}`),
            type: 'AudioRecording',
            contentType: 'audio/x-wav',
            vmDuration: 14,
          },
        ],
        direction: 'Inbound',
        availability: 'Alive',
        messageStatus: 'Received',
        vmTranscriptionStatus: 'Completed',
      },
      label: `voicemail from ${input.from}, 14 s`,
    },
  ];
}
