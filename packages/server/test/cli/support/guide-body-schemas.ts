/**
 * The bodies of the event filters RingCentral's OpenAPI spec has no schema for, as JSON Schema
 * written from the developer guide's event pages, https://developers.ringcentral.com/guide/notifications/event-filters/<page>
 * (their field tables and samples; the guide's source is github.com/ringcentral/ringcentral-api-docs). `additionalProperties: false`: a field the guide does not name
 * is a field a receiver would never see from RingCentral.
 */
const id = { type: 'string', pattern: '^\\d+$' };
const time = { type: 'string', format: 'date-time' };
const nullableString = { type: ['string', 'null'] };
const closed = (required: string[], properties: Record<string, unknown>) => ({
  type: 'object',
  required,
  properties,
  additionalProperties: false,
});

/** Page fax-message: the field table and the sample (`RenderedDocument`, `application/pdf`). */
const faxMessage = closed(['id', 'from', 'type', 'creationTime', 'attachments', 'direction'], {
  id,
  to: {
    type: 'array',
    items: closed([], {
      phoneNumber: { type: 'string' },
      extensionNumber: {},
      target: {},
      location: {},
      name: {},
    }),
  },
  from: closed([], {
    phoneNumber: { type: 'string', pattern: '^\\+\\d+$' },
    extensionNumber: {},
    location: {},
    name: {},
  }),
  type: { const: 'Fax' },
  creationTime: time,
  lastModifiedTime: time,
  readStatus: { enum: ['Read', 'Unread'] },
  priority: { enum: ['Normal', 'High'] },
  attachments: {
    type: 'array',
    minItems: 1,
    items: closed(['id', 'uri', 'type', 'contentType'], {
      id,
      uri: { type: 'string' },
      size: { type: 'integer' },
      type: { const: 'RenderedDocument' },
      contentType: { const: 'application/pdf' },
    }),
  },
  direction: { const: 'Inbound' },
  availability: { enum: ['Alive', 'Deleted', 'Purged'] },
  subject: { type: 'string' },
  messageStatus: { const: 'Received' },
  conversationId: { type: 'string' },
  faxResolution: { enum: ['High', 'Low'] },
  faxPageCount: { type: 'integer', minimum: 1 },
});

/** Page extension-presence-line: `extension` (a list of `{id}`) and `sequence`. */
const presenceLine = closed(['extension', 'sequence'], {
  extension: { type: 'array', minItems: 1, items: closed(['id'], { id }) },
  sequence: { type: 'integer' },
});

/** Page extension-dnd-status: `extensionId` and `dndStatus`, nothing else. */
const dndStatus = closed(['extensionId', 'dndStatus'], {
  extensionId: id,
  dndStatus: { enum: ['TakeAllCalls', 'DoNotAcceptAnyCalls', 'DoNotAcceptDepartmentCalls'] },
});

/** Page contact-center-phone-number's sample: `eventType` and `phoneNumberInfo`. */
const contactCenterNumber = closed(['eventType', 'phoneNumberInfo'], {
  eventType: { enum: ['Created', 'Updated', 'Deleted'] },
  phoneNumberInfo: closed(['id', 'phoneNumber', 'usageType'], {
    uri: { type: 'string' },
    id,
    phoneNumber: { type: 'string', pattern: '^\\+\\d+$' },
    paymentType: { type: 'string' },
    location: { type: 'string' },
    type: { type: 'string' },
    usageType: { const: 'ContactCenterNumber' },
    status: { type: 'string' },
    contactCenterProvider: closed(['id', 'name'], { id, name: { type: 'string' } }),
  }),
});

/** Page post and its first sample: the post, `null` for its empty fields, and `eventType`. */
const post = closed(['id', 'groupId', 'type', 'creatorId', 'creationTime', 'eventType'], {
  id,
  groupId: id,
  type: { type: 'string' },
  text: nullableString,
  creatorId: id,
  addedPersonIds: { type: ['array', 'null'] },
  creationTime: time,
  lastModifiedTime: time,
  attachments: { type: ['array', 'null'] },
  activity: nullableString,
  title: nullableString,
  iconUri: nullableString,
  iconEmoji: nullableString,
  mentions: { type: ['array', 'null'] },
  eventType: { enum: ['PostAdded', 'PostChanged', 'PostRemoved'] },
});

/** Page chat and its first sample (the same page serves `/team-messaging/v1/groups` and `glip/groups`). */
const chat = closed(['id', 'type', 'eventType'], {
  id,
  name: nullableString,
  description: nullableString,
  type: { enum: ['PrivateChat', 'Group', 'Team', 'PersonalChat'] },
  status: { enum: ['Active', 'Archived'] },
  members: { type: 'array', items: id },
  isPublic: { type: ['boolean', 'null'] },
  creationTime: time,
  lastModifiedTime: time,
  eventType: { enum: ['GroupRenamed', 'GroupJoined', 'GroupLeft', 'GroupChanged'] },
});

/** Each kind whose filter the spec ties to no schema, with the guide's schema for its body. */
export const GUIDE_BODY_SCHEMAS: Readonly<Record<string, object>> = {
  fax: faxMessage,
  'presence-line': presenceLine,
  'presence-dnd': dndStatus,
  'contact-center-phone-number': contactCenterNumber,
  'team-messaging-post': post,
  'team-messaging-v1-post': post,
  'glip-group': chat,
  'team-messaging-group': chat,
  'team-messaging-chat': chat,
};
