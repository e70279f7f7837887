/**
 * RingCentral event filters documented in its developer guide ("Event filters" and the team
 * messaging and webinar notification pages) but not tied to an operation's `x-notifications` in
 * the OpenAPI spec, so the generated catalogue (ringcentral-event-filters.ts) lacks them.
 * `{name}` stands for one id segment.
 */
export const DOCUMENTED_EVENT_FILTERS: readonly string[] = [
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store/instant',
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/fax',
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/voicemail',
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/missed-calls',
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/presence/line',
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/presence/line/presence',
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/presence/dnd',
  '/restapi/v1.0/account/{accountId}/extension/{extensionId}/favorite/presence',
  '/restapi/v1.0/account/{accountId}/phone-number',
  '/restapi/v1.0/glip/posts',
  '/restapi/v1.0/glip/groups',
  '/restapi/v1.0/glip/webhooks',
  '/team-messaging/v1/posts',
  '/team-messaging/v1/groups',
  '/team-messaging/v1/chats',
  '/webinar/configuration/v1/company/sessions',
  '/webinar/registration/v1/company/sessions/registrants',
  '/restapi/v1.0/subscription/~',
];
