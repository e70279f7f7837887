import { type Static, Type } from 'typebox';
import type { Config } from '../../config.js';
import { JsonObject } from './json-object.js';

/** A publisher's idempotency key (docs/decisions.md "Publishing"). */
const PublisherId = Type.String({ minLength: 1, maxLength: 256 });
const EventPath = Type.String({ minLength: 1, maxLength: 4096 });

const PublishedEvent = Type.Object({ event: EventPath, body: JsonObject, id: Type.Optional(PublisherId) });

/**
 * `POST /v1/events`: one event (`event`, `body`, `id`) or a batch (`events`). Which of the two was
 * sent is checked by the route, so the schema errors stay one per field (`events[3].event`).
 */
export function publishBody(config: Readonly<Config>) {
  return Type.Object({
    event: Type.Optional(EventPath),
    body: Type.Optional(JsonObject),
    id: Type.Optional(PublisherId),
    events: Type.Optional(Type.Array(PublishedEvent, { minItems: 1, maxItems: config.maxPublishBatch })),
  });
}

export const PublishResponse = Type.Object({
  events: Type.Array(Type.Object({ id: Type.String(), matched: Type.Integer() })),
  /** Fields of the request the API does not know: ignored, and said so. */
  warnings: Type.Optional(Type.Array(Type.String())),
});

export type PublishBody = Static<ReturnType<typeof publishBody>>;
export type PublishedEvent = Static<typeof PublishedEvent>;
