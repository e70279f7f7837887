import type { Direction, EventDraft, TriggerInput } from './trigger-input.js';

/** One thing `switchboard trigger` can publish. */
export interface TriggerKind {
  name: string;
  description: string;
  /** Events one trigger publishes (a telephony session is four). */
  size: number;
  /** The direction this kind always has; otherwise `--direction` (default Inbound). */
  fixedDirection?: Direction;
  /** The catalogue's event filter it publishes at, `{accountId}` and `{extensionId}` for the ids. */
  filter: string;
  /** RingCentral's `*Event` schema its body follows, or null where the spec publishes none. */
  schema: string | null;
  build(input: TriggerInput): EventDraft[];
}
