import type { EventKind } from './event-kind.js';

type JsonObject = Record<string, unknown>;
type BodyNormaliser = (body: JsonObject) => void;

/**
 * Turns the numeric ids RingCentral sometimes sends into strings, in the bodies this library
 * types, so that the types hold (ringcentral-protocol.md §5.3 "Type laxity": `accountId`,
 * `extensionId` and `newMessageIds` arrive as JSON numbers). Mutates `body`, which must be the
 * receiver's own copy. Unknown kinds and unexpected shapes are left alone: parsing is lenient.
 */
export function normaliseBody(kind: EventKind, body: JsonObject): void {
  NORMALISERS[kind]?.(body);
}

const NORMALISERS: Partial<Record<EventKind, BodyNormaliser>> = {
  presence: (body) => {
    stringifyIds(body, ['extensionId']);
    forEachObject(body.activeCalls, (call) => stringifyIds(call, ['id', 'sessionId']));
  },
  'message-store': (body) => {
    stringifyIds(body, ['accountId', 'extensionId']);
    forEachObject(body.changes, (change) => stringifyIdLists(change, ['newMessageIds', 'updatedMessageIds']));
  },
  'instant-message': (body) => {
    stringifyIds(body, ['id', 'conversationId', 'ownerId']);
    forEachObject(body.attachments, (attachment) => stringifyIds(attachment, ['id']));
  },
  'telephony-session': (body) => {
    stringifyIds(body, ['sessionId']);
    forEachObject(body.parties, normaliseTelephonyParty);
  },
  extension: (body) => stringifyIds(body, ['extensionId', 'ownerId']),
  'extension-list': (body) => {
    stringifyIds(body, ['ownerId']);
    forEachObject(body.extensions, (extension) => stringifyIds(extension, ['extensionId']));
  },
  'team-messaging-post': (body) => {
    stringifyIds(body, ['id', 'groupId', 'creatorId']);
    stringifyIdLists(body, ['addedPersonIds']);
  },
  'team-messaging-group': (body) => {
    stringifyIds(body, ['id']);
    stringifyIdLists(body, ['members']);
  },
};

function normaliseTelephonyParty(party: JsonObject): void {
  stringifyIds(party, ['accountId', 'extensionId']);
  for (const end of [party.to, party.from]) {
    if (isJsonObject(end)) stringifyIds(end, ['extensionId']);
  }
}

function stringifyIds(object: JsonObject, keys: readonly string[]): void {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'number') object[key] = String(value);
  }
}

function stringifyIdLists(object: JsonObject, keys: readonly string[]): void {
  for (const key of keys) {
    const value = object[key];
    if (Array.isArray(value)) object[key] = value.map((id) => (typeof id === 'number' ? String(id) : id));
  }
}

function forEachObject(value: unknown, visit: (object: JsonObject) => void): void {
  if (!Array.isArray(value)) return;
  for (const item of value) if (isJsonObject(item)) visit(item);
}

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
