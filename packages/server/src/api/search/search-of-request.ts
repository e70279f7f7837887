import { invalidParameter } from '../../errors.js';
import type { DeliveryState, Principal } from '../../model.js';
import type { DeliverySearch, EventSearch, SearchScope } from '../../store/delivery-search.js';
import type { DeliverySearchQuery, EventSearchQuery } from '../schemas/search-schemas.js';
import { decodePageToken } from './page-token.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
const MAX_STATUS_CODES = 10;

/** What a caller may search (DESIGN.md "Tenancy"): the admin all, a publisher its account, a user its extension. */
export function scopeOf(principal: Principal): SearchScope {
  if (principal.role === 'admin') return {};
  if (principal.role === 'publisher') return { accountId: principal.accountId };
  return { accountId: principal.accountId, extensionId: principal.extensionId };
}

function time(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidParameter(name, 'must be an ISO-8601 date-time', value.slice(0, 100));
  return ms;
}

function pageSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PAGE;
  const n = Number(value);
  if (n < 1 || n > MAX_PAGE) throw invalidParameter('perPage', `must be between 1 and ${MAX_PAGE}`, value);
  return n;
}

/** The filters every search shares, checked: times parse, the range is not reversed. */
export function commonFilters(
  principal: Principal,
  q: Pick<EventSearchQuery, 'subscriptionId' | 'eventPath' | 'since' | 'until'>,
): Omit<EventSearch, 'limit'> {
  const createdFrom = time('since', q.since);
  const createdUntil = time('until', q.until);
  if (createdFrom !== undefined && createdUntil !== undefined && createdUntil < createdFrom)
    throw invalidParameter('until', 'must not be before since');
  return {
    scope: scopeOf(principal),
    ...(q.subscriptionId !== undefined ? { subscriptionId: q.subscriptionId } : {}),
    ...(q.eventPath !== undefined ? { eventPath: q.eventPath } : {}),
    ...(createdFrom !== undefined ? { createdFrom } : {}),
    ...(createdUntil !== undefined ? { createdUntil } : {}),
  };
}

/** `GET /v1/events`' query → the store's search. */
export function eventSearchOf(principal: Principal, q: EventSearchQuery): EventSearch {
  return {
    ...commonFilters(principal, q),
    limit: pageSize(q.perPage),
    ...(q.pageToken !== undefined ? { after: decodePageToken(q.pageToken) } : {}),
  };
}

/** `GET /v1/deliveries`' query → the store's search. */
export function deliverySearchOf(principal: Principal, q: DeliverySearchQuery): DeliverySearch {
  const statusCodes = q.status?.split(',').map(Number);
  if (statusCodes && statusCodes.length > MAX_STATUS_CODES)
    throw invalidParameter('status', `at most ${MAX_STATUS_CODES} status codes`);
  return {
    ...eventSearchOf(principal, q),
    ...(q.state !== undefined ? { states: [...new Set(q.state.split(','))] as DeliveryState[] } : {}),
    ...(statusCodes ? { statusCodes } : {}),
  };
}
