import { throwIfAny } from '../api-error-list.js';
import { ApiError, invalidParameter } from '../errors.js';
import { RINGCENTRAL_NAMESPACES } from '../filters/event-catalogue.js';
import { parseEventPath } from '../filters/parse-event-path.js';
import type { Principal } from '../model.js';

/** A published event that passed every check, with its parsed path. */
export interface CheckedEvent {
  /** As published: the concrete path with its attributes. */
  raw: string;
  path: string;
  params: Record<string, string>;
  accountId: string;
  body: Record<string, unknown>;
  publisherId: string | null;
  /** The publishing token's id: it may read this event's deliveries. */
  publishedBy: string;
}

interface Candidate {
  /** `event` for a single event, `events[3].` for an item of a batch. */
  prefix: string;
  item: Record<string, unknown>;
}

/**
 * Checks a publish request and throws ALL its problems at once, so a publisher fixes a batch in
 * one round trip: the schema's errors (passed in: the route validates with `attachValidation`)
 * together with each event path's (`~`, grammar) as CMN-101 `events[3].event`; or, when that is
 * all that is wrong, SWB-108 for events in another account (docs/decisions.md "Publishing").
 */
export function checkEvents(
  principal: Principal,
  raw: unknown,
  schemaErrors: ApiError[],
  eventNamespaces: readonly string[] = [],
): CheckedEvent[] {
  const invalid = [...schemaErrors];
  const candidates = isRecord(raw) ? candidatesOf(raw, invalid) : [];
  const named = new Set(invalid.map((e) => e.parameterName));
  const forbidden: ApiError[] = [];
  const checked: CheckedEvent[] = [];
  for (const { prefix, item } of candidates) {
    const name = `${prefix}event`;
    if (named.has(name) || typeof item.event !== 'string') continue;
    const parsed = parseEventPath(item.event);
    if ('error' in parsed) {
      invalid.push(invalidParameter(name, parsed.error));
      continue;
    }
    if (!inKnownNamespace(parsed.path, eventNamespaces)) {
      invalid.push(
        invalidParameter(name, 'is not under a RingCentral API root nor a configured eventNamespaces prefix'),
      );
      continue;
    }
    const accountId = parsed.accountId ?? principal.accountId;
    if (principal.role !== 'admin' && accountId !== principal.accountId) {
      forbidden.push(new ApiError('SWB-108', { account: accountId }, { parameterName: name }));
      continue;
    }
    checked.push({
      raw: item.event,
      path: parsed.path,
      params: parsed.params,
      accountId,
      body: item.body as Record<string, unknown>,
      publisherId: typeof item.id === 'string' ? item.id : null,
      publishedBy: principal.tokenId,
    });
  }
  throwIfAny(invalid.sort(byItem));
  throwIfAny(forbidden);
  return checked;
}

/** One event (`event`, `body`, `id`) or a batch (`events`), never both, never neither. */
function candidatesOf(body: Record<string, unknown>, invalid: ApiError[]): Candidate[] {
  const single = body.event !== undefined || body.body !== undefined || body.id !== undefined;
  if (body.events !== undefined) {
    if (single) {
      invalid.push(
        invalidParameter('events', 'send either one event (event, body, id) or a batch (events), not both'),
      );
      return [];
    }
    if (!Array.isArray(body.events)) return [];
    return body.events.flatMap((item, i) => (isRecord(item) ? [{ prefix: `events[${i}].`, item }] : []));
  }
  if (body.event === undefined)
    invalid.push(invalidParameter('event', 'is required (or send a batch in events)'));
  if (body.body === undefined) invalid.push(invalidParameter('body', 'is required: a JSON object'));
  return [{ prefix: '', item: body }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Errors in item order, so a batch's problems read top to bottom. */
function byItem(a: ApiError, b: ApiError): number {
  return itemIndex(a) - itemIndex(b);
}

function itemIndex(error: ApiError): number {
  const match = /^events\[(\d+)\]/.exec(error.parameterName ?? '');
  return match?.[1] === undefined ? -1 : Number(match[1]);
}

/** Events outside RingCentral's roots are the operator's own, under a configured namespace. */
function inKnownNamespace(path: string, eventNamespaces: readonly string[]): boolean {
  return [...RINGCENTRAL_NAMESPACES, ...eventNamespaces].some((namespace) => path.startsWith(namespace));
}
