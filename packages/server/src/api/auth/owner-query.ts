import type { Principal } from '../../model.js';

/**
 * The subscriptions a caller may list, as a store query: the server admin all (or one account it
 * names), an account admin its account's, anyone else its own extension's.
 *
 * @example
 * await ctx.store.listSubscriptions({ ...ownerQuery(principal), statuses: ['Active'] });
 */
export function ownerQuery(principal: Principal): { accountId?: string; extensionId?: string } {
  if (principal.role === 'admin') return {};
  if (principal.role === 'account-admin') return { accountId: principal.accountId };
  return { accountId: principal.accountId, extensionId: principal.extensionId };
}
