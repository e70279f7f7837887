import type { FilterScope } from '../filters/check-filter-scope.js';
import type { Principal } from '../model.js';

/**
 * How far a caller's event filters may reach (docs/architecture.md "Tenancy"): a user its own extension, an
 * account admin and the server admin their whole account (other accounts never: SUB-406).
 */
export function filterScopeOf(principal: Principal): FilterScope {
  return principal.role === 'user' ? 'extension' : 'account';
}
