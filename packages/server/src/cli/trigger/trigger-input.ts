import { randomBytes, randomInt } from 'node:crypto';

export type Direction = 'Inbound' | 'Outbound';

/**
 * What every payload builder gets: whose event it is, the call or message parties, and the n-th
 * repetition (`--count`), so each repetition has its own ids and a higher `sequence`.
 */
export interface TriggerInput {
  accountId: string;
  extensionId: string;
  direction: Direction;
  /** E.164 numbers, already arranged for the direction (inbound: the caller is `from`). */
  from: string;
  to: string;
  text: string | undefined;
  /** Epoch milliseconds the run started; times in bodies derive from it. */
  now: number;
  /** 0 for the first repetition. */
  n: number;
}

/** One event to publish: a concrete path and its body, plus a label for the printed line. */
export interface EventDraft {
  event: string;
  body: Record<string, unknown>;
  label?: string;
}

/** A number of `digits` digits (no leading zero), as RingCentral's numeric ids look. */
export function numericId(digits: number): string {
  let id = String(randomInt(1, 10));
  while (id.length < digits) id += String(randomInt(0, 10));
  return id;
}

/** Lower-case hex of `bytes` random bytes. */
export function hexId(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * An id as RingCentral writes it into a body: a JSON number when it is one (as in the §5.4 b
 * sample; receivers must accept both), else the string.
 */
export function idValue(id: string): string | number {
  return /^[1-9]\d{0,14}$/.test(id) ? Number(id) : id;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `/restapi/v1.0/account/{a}/extension/{e}` + rest: publishers name concrete ids, never `~`. */
export function extensionPath(input: Pick<TriggerInput, 'accountId' | 'extensionId'>, rest = ''): string {
  return `/restapi/v1.0/account/${input.accountId}/extension/${input.extensionId}${rest}`;
}

/** Presence and telephony `sequence` numbers keep rising across runs: seconds since 2024, then n. */
export function sequenceBase(now: number): number {
  return Math.floor((now - Date.UTC(2024, 0, 1)) / 1000);
}
