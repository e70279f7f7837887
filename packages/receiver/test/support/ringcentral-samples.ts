/**
 * RingCentral's published notification samples, as quoted in ringcentral-protocol.md §5.4,
 * kept as JSON text so the parser sees exactly the bytes RingCentral sends.
 */

/** §5.4 (a) detailed presence. */
export const detailedPresence = `{
  "uuid": "045b81dc-9f73-4864-84de-08aa6324a7f5",
  "event": "/restapi/v1.0/account/~/extension/6610372004/presence?detailedTelephonyState=true",
  "timestamp": "2016-02-18T09:37:24.597Z",
  "subscriptionId": "9d38419f-645f-4ee3-a053-8cf1368c21c4",
  "ownerId": "6610372004",
  "body": {
    "extensionId": "6610372004",
    "telephonyStatus": "CallConnected",
    "activeCalls": [{
      "id": "39247ebfdc324e3b96d7519672aec3e4",
      "direction": "Inbound",
      "queueCall": true,
      "from": "+18775380038",
      "fromName": "John Wang",
      "to": "+18445810019",
      "telephonyStatus": "CallConnected",
      "startTime": "2016-02-18T09:37:24.322Z",
      "sessionId": "17133704004",
      "partyId": "cs171843418296416309-2",
      "telephonySessionId": "Y3MxNjk4ODA5MTYxMzUyOTU5OUAxMC4zMi40NS44NA"
    }],
    "sequence": 2698,
    "presenceStatus": "Busy",
    "userStatus": "Available",
    "meetingStatus": "Disconnected",
    "dndStatus": "TakeAllCalls",
    "allowSeeMyPresence": true,
    "ringOnMonitoredCall": false,
    "pickUpCallsOnHold": false,
    "totalActiveCalls": 1
  }
}`;

/** §5.4 (b) message store: numeric accountId, extensionId and newMessageIds; decimal-string uuid. */
export const messageStore = `{
  "uuid": "2661273919712564939",
  "event": "/restapi/v1.0/account/233676004/extension/233676004/message-store",
  "timestamp": "2023-04-18T20:25:24.611Z",
  "subscriptionId": "2db5fcc4-xxxx-xxxx-xxxx-fa9b78dd9a55",
  "ownerId": "233676004",
  "body": {
    "accountId": 233676004,
    "extensionId": 233676004,
    "lastUpdated": "2023-04-18T20:25:15.775Z",
    "changes": [
      { "type": "Pager", "newCount": 2, "updatedCount": 0, "newMessageIds": [12756735005, 12756737005] }
    ]
  }
}`;

/** §5.4 (c) instant message (inbound SMS). */
export const instantMessage = `{
  "uuid": "ed1cf00c-0420-4bf5-a0ae-e659bb9f77e0",
  "event": "/restapi/v1.0/account/~/extension/823476228762/message-store/instant?type=SMS",
  "subscriptionId": "dc853541-66ac-45d8-a289-1a239fd72888",
  "ownerId": "823476228762",
  "timestamp": "2013-06-14T12:00:00.000Z",
  "body": {
    "id": "606090030016",
    "to": [{ "phoneNumber": "+16508974563", "location": "Moss Beach, CA" }],
    "from": { "phoneNumber": "+14157809227", "name": "John Smith" },
    "type": "SMS",
    "creationTime": "2016-02-22T17:01:00.000Z",
    "lastModifiedTime": "2016-02-22T17:01:00.000Z",
    "readStatus": "Unread",
    "priority": "Normal",
    "attachments": [{
      "id": "606090030016",
      "uri": "/restapi/v1.0/account/~/extension/823476228762/message-store/2640223004/content/2640223004",
      "type": "Text",
      "contentType": "text/plain",
      "size": 4096
    }],
    "direction": "Inbound",
    "availability": "Alive",
    "subject": "Hi there",
    "messageStatus": "Received",
    "conversationId": "7876416245344257449"
  }
}`;

/** §5.4 (d) telephony session: decimal-string uuid. */
export const telephonySession = `{
  "uuid": "1823485288313944239",
  "event": "/restapi/v1.0/account/809646016/extension/809646016/telephony/sessions",
  "timestamp": "2020-06-14T19:27:18.390Z",
  "subscriptionId": "53300e7c-5e69-42bf-ab4d-179aabc6e869",
  "ownerId": "809646016",
  "body": {
    "sequence": 3,
    "sessionId": "425008160016",
    "telephonySessionId": "s-a6abd24ca6774373a8120a3390d3cbe8",
    "serverId": "10.13.22.28.TAM",
    "eventTime": "2020-06-14T19:27:18.340Z",
    "parties": [{
      "accountId": "809646016",
      "extensionId": "809646016",
      "id": "p-a6abd24ca6774373a8120a3390d3cbe8-2",
      "direction": "Inbound",
      "to": { "phoneNumber": "+19043014558", "name": "TESTER Babji", "extensionId": "809646016" },
      "from": { "phoneNumber": "+14083388064" },
      "status": { "code": "Setup", "rcc": false },
      "park": {},
      "missedCall": false,
      "standAlone": false,
      "muted": false
    }],
    "origin": { "type": "Call" }
  }
}`;

/** §5.4 (e) extension info change. */
export const extensionInfo = `{
  "uuid": "ed1cf00c-0420-4bf5-a0ae-e659cc9f77e0",
  "event": "/restapi/v1.0/account/~/extension/8475874957",
  "timestamp": "2013-06-14T12:00:00.000Z",
  "subscriptionId": "9d38419f-645f-4ee3-a053-8cf1368c21c4",
  "ownerId": "8475874957",
  "body": { "extensionId": "8475874957", "eventType": "Update", "hints": ["ExtensionInfo", "CompanyNumbers"] }
}`;

/** §5.4 (f) renewal reminder (reconstructed by the protocol notes). */
export const subscriptionReminder = `{
  "uuid": "7e8f2c2a-0f43-4a43-9d0a-5a2c6c1f0b11",
  "event": "/restapi/v1.0/subscription/~?threshold=86400&interval=3600",
  "timestamp": "2026-01-08T10:00:00.000Z",
  "subscriptionId": "dd2f0ff2-580e-4581-a277-76f9c9a54bc9",
  "ownerId": "10366034004",
  "body": { "expiresIn": 86371 }
}`;

/**
 * §5.4 (g) team messaging: `event` rewritten to an owner path the filter never had, no `ownerId`,
 * a `+0000` timestamp (as in RingCentral's bot tutorial), body with `eventType`.
 */
export const teamMessagingGroupJoined = `{
  "uuid": "b11c9430-9687-4498-b12b-3fcb470bfe04",
  "event": "/restapi/v1.0/account/12345/extension/12345/glip/groups",
  "timestamp": "2017-03-21T17:09:00.408+0000",
  "subscriptionId": "ed329ec1-0600-4560-b6dc-c764399e9a54",
  "body": {
    "eventType": "GroupJoined",
    "type": "PrivateChat",
    "id": "1234",
    "creationTime": "2017-03-21T17:00:00Z",
    "lastModifiedTime": "2017-03-21T17:09:00Z",
    "members": ["123456789", "chatbot-01"]
  }
}`;
