/**
 * Configuration keys whose values are not a plain number, list of numbers or string: each parses
 * and checks its own value, calling `fail` with what is wrong (config.ts names the key and where
 * the value came from).
 */
type ParseValue = (value: unknown, fail: (why: string) => never) => unknown;

export const SPECIAL_KEYS: Readonly<Record<string, ParseValue>> = {
  metricsToken: (value, fail) => {
    if (value === null || value === '') return null;
    if (typeof value !== 'string' || value.length < 16) fail('must be a string of at least 16 characters');
    return value;
  },
  publicUrl: (value, fail) => {
    if (value === null || value === '') return null;
    if (typeof value !== 'string' || !URL.canParse(value)) fail('must be an absolute URL');
    return String(value).replace(/\/+$/, '');
  },
  mode: (value, fail) => {
    if (value !== 'development' && value !== 'production') fail("must be 'development' or 'production'");
    return value;
  },
  integrityCheckOnStart: (value, fail) => {
    if (value !== 'quick' && value !== 'off') fail("must be 'quick' or 'off'");
    return value;
  },
  rateLimit: (value, fail) => {
    if (value !== 'auto' && value !== 'on' && value !== 'off') fail("must be 'auto', 'on' or 'off'");
    return value;
  },
  eventNamespaces: (value, fail) => {
    const list =
      typeof value === 'string'
        ? value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : value;
    if (!Array.isArray(list) || list.some((p) => typeof p !== 'string' || !/^\/[^/?#]+\/$/.test(p)))
      fail('must be a comma-separated list of path prefixes such as /acme/');
    if ((list as string[]).some((p) => ['/restapi/', '/team-messaging/', '/webinar/'].includes(p)))
      fail("must not name RingCentral's own namespaces");
    return list;
  },
};
