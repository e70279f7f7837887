import type { Direction, EventDraft } from '../cli/trigger/trigger-input.js';
import { findTriggerKind, TRIGGER_KINDS } from '../cli/trigger/trigger-kinds.js';
import type { Principal } from '../model.js';

/** The far party and the extension's own number, as `switchboard trigger` uses by default. */
const EXTERNAL_NUMBER = '+16505550123';
const OWN_NUMBER = '+16505550100';

/** The kinds the "Send a test event" page offers: exactly `switchboard trigger`'s. */
export function testEventKinds() {
  return TRIGGER_KINDS.map((k) => ({
    name: k.name,
    description: k.description,
    size: k.size,
    fixedDirection: k.fixedDirection ?? null,
  }));
}

/**
 * The events one `switchboard trigger <kind>` would publish, for the caller's own extension, built
 * by the same generators. The page publishes them itself with `POST /v1/events`, so the publish
 * goes through the API's roles, account check and rate limit. Null for an unknown kind.
 */
export function testEventDrafts(
  principal: Principal,
  kindName: string,
  asked: Direction | undefined,
  now: number,
): EventDraft[] | null {
  const kind = findTriggerKind(kindName);
  if (!kind) return null;
  const direction = kind.fixedDirection ?? asked ?? 'Inbound';
  const inbound = direction === 'Inbound';
  return kind.build({
    accountId: principal.accountId,
    extensionId: principal.extensionId,
    direction,
    from: inbound ? EXTERNAL_NUMBER : OWN_NUMBER,
    to: inbound ? OWN_NUMBER : EXTERNAL_NUMBER,
    text: undefined,
    now,
    n: 0,
  });
}
