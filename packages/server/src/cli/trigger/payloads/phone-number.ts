import { type EventDraft, numericId, type TriggerInput } from '../trigger-input.js';

/**
 * A contact-center number added to the account, filter
 * `/restapi/v1.0/account/{a}/phone-number?usageType=ContactCenterNumber`. RingCentral's OpenAPI
 * spec has no event schema for it; the body is the developer guide's "Contact Center Phone Number
 * Event" sample: `eventType` and the number's `phoneNumberInfo`.
 */
export function contactCenterPhoneNumber(input: TriggerInput): EventDraft[] {
  const id = numericId(9);
  const base = `/restapi/v1.0/account/${input.accountId}`;
  return [
    {
      event: `${base}/phone-number?usageType=ContactCenterNumber`,
      body: {
        eventType: 'Created',
        phoneNumberInfo: {
          uri: `https://platform.ringcentral.com${base}/phone-number/${id}`,
          id,
          phoneNumber: input.to,
          paymentType: 'Local',
          location: 'San Mateo, CA',
          type: 'VoiceFax',
          usageType: 'ContactCenterNumber',
          status: 'Normal',
          contactCenterProvider: { id: numericId(5), name: 'RingCX' },
        },
      },
      label: `contact-center number ${input.to} Created`,
    },
  ];
}
