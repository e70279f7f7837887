import { ACCOUNT_WIDE_RESOURCES } from './account-wide-resources.js';
import { compareSpecificity, type RankedMatch } from './compare-specificity.js';
import { filterMatchesEvent, type Mismatch } from './filter-matches-event.js';
import { parseFilter } from './parse-filter.js';

/**
 * Why a subscription did or did not receive an event, filter by filter, for the dashboard and
 * `GET /v1/events/{id}`. Uses the same predicate and ranking as `MatchIndex`, so the answer is
 * what the index decided. `reasons` holds one line per filter that did not win.
 *
 * @example
 * explainMatch(['/restapi/v1.0/account/1/extension/2/message-store?type=SMS'], {
 *   path: '/restapi/v1.0/account/1/extension/2/message-store',
 *   params: { type: 'Fax' },
 * });
 * // → { matched: false, reasons: ['/restapi/…/message-store?type=SMS: parameter type: filter wants SMS, event has Fax'] }
 */
export function explainMatch(
  eventFilters: string[],
  event: { path: string; params: Record<string, string> },
): { matched: boolean; filter?: string; reasons: string[] } {
  const target = { segments: event.path.split('/').slice(1), params: event.params };
  const lines: Array<{ text: string; reason: string } | { text: string; rank: RankedMatch }> = [];
  for (const [position, text] of eventFilters.entries()) {
    const filter = parseFilter(text);
    if (!filter) {
      lines.push({ text, reason: 'not a valid event filter' });
      continue;
    }
    const result = filterMatchesEvent(filter, target);
    if (result.matched) lines.push({ text, rank: { ...result, position } });
    else lines.push({ text, reason: describeMismatch(result.mismatch) });
  }

  const winners = lines.flatMap((line) => ('rank' in line ? [line] : []));
  const [best] = winners.sort((a, b) => compareSpecificity(a.rank, b.rank));
  const reasons = lines.flatMap((line) => {
    if ('reason' in line) return [`${line.text}: ${line.reason}`];
    if (line === best) return [];
    return [`${line.text}: matches too, but '${best?.text}' is more specific and is the one notified`];
  });
  return best ? { matched: true, filter: best.text, reasons } : { matched: false, reasons };
}

function describeMismatch(mismatch: Mismatch): string {
  switch (mismatch.kind) {
    case 'reminder':
      return 'the renewal reminder filter is served by the scheduler, never by published events';
    case 'segment':
      if (mismatch.event === null) {
        return `event path ends before segment ${mismatch.position}, filter continues with '${mismatch.filter}'`;
      }
      if (mismatch.filter === null) {
        return `filter path ends before segment ${mismatch.position}, event continues with '${mismatch.event}'`;
      }
      return `path differs at segment ${mismatch.position}: filter has '${mismatch.filter}', event has '${mismatch.event}'`;
    case 'not-account-wide':
      return `'${mismatch.resource}' is not offered account-wide (only ${ACCOUNT_WIDE_RESOURCES.join(', ')})`;
    case 'param':
      return `parameter ${mismatch.name}: filter wants ${mismatch.filter}, event has ${mismatch.event}`;
  }
}
