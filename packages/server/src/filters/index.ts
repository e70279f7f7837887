/** Event filters: parse, normalise, expand `~`, validate, match (ringcentral-protocol.md §6). */
export { ACCOUNT_WIDE_RESOURCES } from './account-wide-resources.js';
export { expandOwner } from './expand-owner.js';
export { explainMatch } from './explain-match.js';
export {
  type FilterMatch,
  filterMatchesEvent,
  type MatchableEvent,
  type Mismatch,
} from './filter-matches-event.js';
export { MatchIndex, type MatchIndexOptions } from './match-index.js';
export { parseEventPath } from './parse-event-path.js';
export { type ParsedFilter, parseFilter } from './parse-filter.js';
export { isReminderFilter, REMINDER_PATH } from './reminder-filter.js';
export { DEFAULT_MAX_FILTERS, validateFilters } from './validate-filters.js';
