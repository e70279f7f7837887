// ISO-8601 date-time with an optional fraction and an optional zone: `Z`, `+0000` or `+00:00`.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Returns `value` as ISO-8601 UTC with `Z` and milliseconds, or `undefined` if it is not a date.
 * RingCentral sends both `2018-06-05T00:14:50.181Z` and `2014-04-29T14:29:27.408+0000`
 * (ringcentral-protocol.md §5.3); a time without a zone is taken as UTC, as every RingCentral
 * time is.
 *
 * @example
 * normaliseTimestamp('2014-04-29T14:29:27.408+0000'); // '2014-04-29T14:29:27.408Z'
 */
export function normaliseTimestamp(value: string): string | undefined {
  const match = DATE_TIME.exec(value.trim());
  if (!match) return undefined;
  const [, dateTime, zone] = match;
  const date = new Date(`${dateTime}${normaliseZone(zone)}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function normaliseZone(zone: string | undefined): string {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 'Z';
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}
