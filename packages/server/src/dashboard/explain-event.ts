import { scopeOf } from '../api/search/search-of-request.js';
import type { AppContext } from '../context.js';
import { explainMatch } from '../filters/explain-match.js';
import { parseEventPath } from '../filters/parse-event-path.js';
import type { EventRecord, Principal } from '../model.js';
import { effectiveStatus } from '../subscriptions/effective-status.js';

/** At most this many subscriptions are explained for one event. */
const EXPLAINED = 100;

export interface SubscriptionExplanation {
  id: string;
  address: string;
  matched: boolean;
  filter?: string;
  reasons: string[];
}

/**
 * Why each live subscription the caller can see matched an event or not, in one answer (the
 * event page would otherwise ask `GET /v1/events/{id}?explain=true&subscriptionId=…` once per
 * subscription, and spend the caller's rate limit on it). Same predicate as the match index.
 */
export async function explainEvent(
  ctx: AppContext,
  principal: Principal,
  event: EventRecord,
): Promise<SubscriptionExplanation[]> {
  const parsed = parseEventPath(event.path);
  const now = ctx.clock.now();
  const subscriptions = (
    await ctx.store.listSubscriptions({ ...scopeOf(principal), statuses: ['Active', 'Blacklisted'] })
  )
    .filter((s) => effectiveStatus(s, now) !== 'Expired')
    .slice(0, EXPLAINED);
  return subscriptions.map((s) => {
    const why =
      'error' in parsed
        ? { matched: false, reasons: ['the event path does not parse'] }
        : explainMatch(s.eventFilters, { path: parsed.path, params: parsed.params });
    return { id: s.id, address: s.address, ...why };
  });
}
