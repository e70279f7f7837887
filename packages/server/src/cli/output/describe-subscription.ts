import type { SubscriptionHealth, SubscriptionInfo } from '../commands/api-types.js';
import { formatFields } from './format-table.js';
import { formatSeconds, shortIso } from './format-time.js';
import type { Style } from './style.js';

/** A subscription's status, coloured by health. */
export function statusText(status: string, style: Style): string {
  if (status === 'Active') return style.green(status);
  if (status === 'Blacklisted') return style.red(status);
  return style.yellow(status);
}

/** One subscription, field by field, from either API's view. */
export function describeSubscription(s: SubscriptionInfo | SubscriptionHealth, style: Style): string {
  const fields: Array<[string, string]> = [
    ['id', style.bold(s.id)],
    ['status', statusText(s.status, style)],
    ['address', s.deliveryMode.address],
    ['expires', `${shortIso(s.expirationTime)} (in ${formatSeconds(s.expiresIn)})`],
    ['created', shortIso(s.creationTime)],
  ];
  if ('accountId' in s) fields.push(['owner', `account ${s.accountId}, extension ${s.extensionId}`]);
  s.eventFilters.forEach((filter, i) => {
    fields.push([i === 0 ? 'event filters' : '', filter]);
  });
  if (s.blacklistedData) {
    fields.push([
      'blacklisted',
      `${shortIso(s.blacklistedData.blacklistedAt)}: ${s.blacklistedData.reason || 'no reason recorded'}`,
    ]);
  }
  if ('deliveries' in s) {
    const d = s.deliveries;
    fields.push([
      'deliveries',
      `${d.pending} pending, ${d.delivered} delivered, ${d.dead} dead, ${d.expired} expired`,
    ]);
    if (s.failingSince)
      fields.push([
        'failing since',
        `${shortIso(s.failingSince)} (${s.consecutiveFailures} failures in a row)`,
      ]);
    fields.push(['last success', shortIso(s.lastSuccessAt)]);
  }
  return formatFields(fields, style);
}
