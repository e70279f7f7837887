/**
 * A duration in seconds as people say it: `45s`, `12m`, `3h 20m`, `6d 23h`.
 *
 * @example
 * formatSeconds(604_799); // '6d 23h'
 */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60 ? ` ${s % 60}s` : ''}`;
  if (s < 86_400)
    return `${Math.floor(s / 3600)}h${s % 3600 >= 60 ? ` ${Math.floor((s % 3600) / 60)}m` : ''}`;
  return `${Math.floor(s / 86_400)}d${s % 86_400 >= 3600 ? ` ${Math.floor((s % 86_400) / 3600)}h` : ''}`;
}

/** Local wall-clock time with milliseconds, `14:03:07.120`, for lines printed as things happen. */
export function clockTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const ms = String(date.getMilliseconds()).padStart(3, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${ms}`;
}

/** An ISO time shown compactly in tables: `2026-01-08 10:00:03` (UTC, as the API gives it). */
export function shortIso(iso: string | null | undefined): string {
  if (!iso) return '-';
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/**
 * Parses `--since` style times: an ISO-8601 date or date-time, or an age such as `90s`, `30m`,
 * `2h`, `7d` (that long before `now`). Returns null when it is neither.
 *
 * @example
 * parseSince('2h', Date.parse('2026-01-08T12:00:00Z')); // '2026-01-08T10:00:00.000Z'
 */
export function parseSince(text: string, now: number): string | null {
  const age = /^(\d+)\s*(s|m|h|d)$/.exec(text.trim());
  if (age?.[1] && age[2]) {
    const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[age[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(now - Number(age[1]) * unit).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text).toISOString();
  return null;
}
