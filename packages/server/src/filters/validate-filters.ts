import { ApiError, invalidParameter } from '../errors.js';
import { checkFilterScope, type FilterScope } from './check-filter-scope.js';
import { isKnownFilterPath } from './event-catalogue.js';
import { expandOwner } from './expand-owner.js';
import type { ParsedFilter } from './parse-filter.js';
import { parseResourcePath } from './parse-resource-path.js';
import { isReminderFilter, REMINDER_PATH } from './reminder-filter.js';

/** Filters per subscription unless configured otherwise (docs/decisions.md "Subscriptions"). */
export const DEFAULT_MAX_FILTERS = 100;

/**
 * RingCentral's reminder job period is unpublished (§5.4 f), but its own bot samples subscribe
 * with `threshold=60&interval=15` and RingCentral accepts them, so 15 s is the floor of both.
 */
const MIN_REMINDER_SECONDS = 15;
const PARAMETER = { parameterName: 'eventFilters' };

/**
 * Validates a create/update request's `eventFilters` (ringcentral-protocol.md §2.5, §6.2) and
 * returns what to store: `~` expanded to the owner's ids (§2.1), duplicates collapsed (first
 * kept), order and query strings as given; plus the reminder settings, if a reminder filter was
 * given. Checks run in this order and the first failing one throws an `ApiError`:
 *
 * 1. CMN-101 `eventFilters`: not an array, empty, an element not a non-empty string, or more
 *    than `maxFilters` elements.
 * 2. SUB-508: malformed filters, all of them listed; with `eventNamespaces` given, also filters that
 *    are not in RingCentral's event-filter catalogue nor under one of those namespaces
 *    (event-catalogue.ts), as RingCentral refuses filters it does not know.
 * 3. SUB-406: an explicit account id other than the owner's; then, with `scope: 'extension'` (a
 *    user), CMN-408 for an account-wide filter and SUB-405 for another extension's
 *    (check-filter-scope.ts).
 * 4. SUB-516: reminder parameters outside T ≥ 15, T ≤ TTL/2, 15 ≤ I ≤ T/2 (integers), or more
 *    than one reminder filter (docs/ringcentral-compatibility.md).
 *
 * @example
 * validateFilters(['/restapi/v1.0/account/~/extension/~/presence'], { accountId: '1', extensionId: '2' },
 *   { ttlSeconds: 604800, maxFilters: 100 });
 * // → { filters: ['/restapi/v1.0/account/1/extension/2/presence'], reminder: null }
 */
export function validateFilters(
  raw: unknown,
  owner: { accountId: string; extensionId: string },
  options: {
    ttlSeconds: number;
    maxFilters: number;
    scope?: FilterScope;
    eventNamespaces?: readonly string[];
  },
): { filters: string[]; reminder: { threshold: number; interval: number } | null } {
  const parsed = parseAll(checkShape(raw, options.maxFilters), options.eventNamespaces);
  const expanded = parsed.map((filter) => expandOwner(filter, owner));
  for (const filter of expanded) checkAccount(filter, owner.accountId);
  for (const filter of expanded) checkFilterScope(filter, owner, options.scope ?? 'extension');

  const unique = new Map<string, ParsedFilter>();
  for (const filter of expanded) {
    const key = sameMeaningKey(filter);
    if (!unique.has(key)) unique.set(key, filter);
  }
  const filters = [...unique.values()];
  const reminders = filters.filter(isReminderFilter);
  if (reminders.length > 1) {
    throw new ApiError('SUB-516', {}, { ...PARAMETER, detail: 'give at most one reminder filter' });
  }
  const [reminder] = reminders;
  return {
    filters: filters.map((filter) => filter.text),
    reminder: reminder ? reminderSettings(reminder, options.ttlSeconds) : null,
  };
}

function checkShape(raw: unknown, maxFilters: number): string[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw invalidParameter('eventFilters', 'must be a non-empty array of strings');
  }
  if (raw.length > maxFilters) {
    throw invalidParameter('eventFilters', `has ${raw.length} filters; at most ${maxFilters} are allowed`);
  }
  for (const [i, item] of raw.entries()) {
    // Each item has minLength 1 in RingCentral's schema (§2.5): a blank one is a shape error.
    if (typeof item !== 'string' || item.trim() === '') {
      throw invalidParameter('eventFilters', `element ${i} must be a non-empty string`);
    }
  }
  return raw as string[];
}

function parseAll(raw: string[], eventNamespaces: readonly string[] | undefined): ParsedFilter[] {
  const filters: ParsedFilter[] = [];
  const bad: string[] = [];
  const problems: string[] = [];
  for (const [i, text] of raw.entries()) {
    const parsed = parseResourcePath(text);
    const problem =
      'error' in parsed
        ? parsed.error
        : (subscriptionPathProblem(parsed) ?? catalogueProblem(parsed, eventNamespaces));
    if (problem === null && !('error' in parsed)) filters.push(parsed);
    else {
      bad.push(shorten(text.trim()));
      problems.push(`eventFilters[${i}] ${problem}`);
    }
  }
  if (bad.length > 0) {
    throw new ApiError('SUB-508', { filters: bad.join(', ') }, { ...PARAMETER, detail: problems.join('; ') });
  }
  return filters;
}

/** Under `/restapi/v1.0/subscription` only the reminder can be subscribed to (§5.4 f). */
function subscriptionPathProblem(filter: ParsedFilter): string | null {
  const [api, version, resource] = filter.segments;
  if (api !== 'restapi' || version !== 'v1.0' || resource !== 'subscription') return null;
  return isReminderFilter(filter)
    ? null
    : `under /restapi/v1.0/subscription only ${REMINDER_PATH} is allowed`;
}

function catalogueProblem(
  filter: ParsedFilter,
  eventNamespaces: readonly string[] | undefined,
): string | null {
  if (eventNamespaces === undefined || isKnownFilterPath(filter.path, eventNamespaces)) return null;
  return 'is not an event filter RingCentral documents (nor under a configured eventNamespaces prefix)';
}

/** Keeps error messages readable when someone posts a 2 kB filter. */
function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function checkAccount(filter: ParsedFilter, accountId: string): void {
  for (const [i, segment] of filter.segments.entries()) {
    const id = filter.segments[i + 1];
    if (segment === 'account' && id !== undefined && id !== accountId) {
      // §6.1: other extensions of the same account may be allowed; other accounts never are.
      throw new ApiError('SUB-406', {}, { ...PARAMETER, parameterValue: filter.text });
    }
  }
}

/** Two filters that differ only in parameter order mean the same thing. */
function sameMeaningKey(filter: ParsedFilter): string {
  const params = Object.entries(filter.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([filter.path, params]);
}

function reminderSettings(filter: ParsedFilter, ttlSeconds: number): { threshold: number; interval: number } {
  const fail = (detail: string): never => {
    throw new ApiError('SUB-516', {}, { ...PARAMETER, parameterValue: filter.text, detail });
  };
  const { threshold: t, interval: i, ...rest } = filter.params;
  const extra = Object.keys(rest);
  if (extra.length > 0) fail(`unknown reminder parameter ${extra.join(', ')}; only threshold and interval`);
  const threshold = wholeSeconds(t) ?? fail('threshold must be a whole number of seconds');
  const interval = wholeSeconds(i) ?? fail('interval must be a whole number of seconds');
  if (threshold < MIN_REMINDER_SECONDS) fail(`threshold must be at least ${MIN_REMINDER_SECONDS}`);
  if (threshold * 2 > ttlSeconds) fail(`threshold must be at most half the lifetime (${ttlSeconds} s)`);
  if (interval < MIN_REMINDER_SECONDS) fail(`interval must be at least ${MIN_REMINDER_SECONDS}`);
  if (interval * 2 > threshold) fail('interval must be at most half the threshold');
  return { threshold, interval };
}

function wholeSeconds(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}
