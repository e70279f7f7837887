import type { DeliveryView } from '../commands/api-types.js';
import { formatTable } from './format-table.js';
import { shortIso } from './format-time.js';
import type { Style } from './style.js';

/** A delivery state, coloured: delivered green, pending yellow, dead and expired red. */
export function stateText(state: string, style: Style): string {
  if (state === 'delivered') return style.green(state);
  if (state === 'pending') return style.yellow(state);
  return style.red(state);
}

/** The outcome of the last attempt: an HTTP status or the error, `-` before the first. */
export function lastOutcome(d: Pick<DeliveryView, 'lastStatus' | 'lastError'>, style: Style): string {
  if (d.lastStatus !== null) {
    const text = String(d.lastStatus);
    return d.lastStatus >= 200 && d.lastStatus < 300 ? style.green(text) : style.red(text);
  }
  return d.lastError
    ? style.red(d.lastError.length > 40 ? `${d.lastError.slice(0, 39)}…` : d.lastError)
    : '-';
}

/** Deliveries as a table, newest first as the API lists them. */
export function deliveriesTable(deliveries: DeliveryView[], style: Style, withSubscription = true): string {
  const headers = [
    'ID',
    'STATE',
    'ATTEMPTS',
    'LAST',
    'CREATED',
    ...(withSubscription ? ['SUBSCRIPTION'] : []),
    'EVENT',
  ];
  const rows = deliveries.map((d) => [
    d.id,
    stateText(d.state, style),
    String(d.attempts),
    lastOutcome(d, style),
    shortIso(d.createdAt),
    ...(withSubscription ? [d.subscriptionId] : []),
    d.filter,
  ]);
  return formatTable(headers, rows, style);
}
