/**
 * The one grammar shared by event filters and published event paths (docs/ringcentral-protocol.md §6.1):
 * a resource path under a known API root, optionally followed by a query string of parameters.
 *
 * Deliberately narrow: every character outside the small sets below is refused rather than
 * decoded or normalised, so one filter has exactly one spelling. That matters because the stored
 * text is what receivers get back as `event` and compare with what they subscribed to
 * (docs/decisions.md "Wire compatibility"). No documented filter (§6.1) needs
 * percent-encoding, spaces or non-ASCII.
 */

/** A parsed path: `text` is the canonical string, query parameters in the order given. */
export interface ResourcePath {
  path: string;
  segments: string[];
  params: Record<string, string>;
  text: string;
}

export const MAX_PATH_LENGTH = 2048;

/**
 * API roots a filter may start with (§6.1). Paths are case-sensitive, so `/RestApi/v1.0` is not
 * `/restapi/v1.0`. Webinar filters carry their own sub-API and version
 * (`/webinar/configuration/v1/…`, §3.8), so only their first segment is fixed.
 */
const ROOTS: readonly (readonly string[])[] = [['restapi', 'v1.0'], ['team-messaging', 'v1'], ['webinar']];

const SEGMENT = /^[A-Za-z0-9._-]+$/;
/** Parameter names start with a letter: it also keeps JS objects in insertion order. */
const PARAM_NAME = /^[A-Za-z][A-Za-z0-9._-]*$/;
/** `+` is literal (E.164 `phoneNumber`, §6.1), never a form-encoded space. */
const PARAM_VALUE = /^[A-Za-z0-9._~+:,@-]+$/;

const WHITESPACE = /\s/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Parses `raw` (trimmed) into a resource path, or says in one sentence what is wrong with it.
 *
 * @example
 * parseResourcePath('/restapi/v1.0/account/~/extension/~/message-store?type=SMS');
 * // → { path: '/restapi/v1.0/account/~/extension/~/message-store', params: { type: 'SMS' }, … }
 */
export function parseResourcePath(raw: string): ResourcePath | { error: string } {
  const text = raw.trim();
  const problem = characterProblem(text);
  if (problem) return { error: problem };

  const queryAt = text.indexOf('?');
  const path = queryAt === -1 ? text : text.slice(0, queryAt);
  const segments = path.split('/').slice(1);
  const pathProblem = segmentsProblem(segments);
  if (pathProblem) return { error: pathProblem };

  if (queryAt === -1) return { path, segments, params: {}, text };
  const params = parseQuery(text.slice(queryAt + 1));
  if (typeof params === 'string') return { error: params };
  return { path, segments, params, text };
}

function characterProblem(text: string): string | null {
  if (text === '') return 'is empty';
  if (text.length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`;
  if (!text.startsWith('/')) return "must start with '/'";
  if (WHITESPACE.test(text)) return 'contains whitespace';
  if (CONTROL.test(text)) return 'contains a control character';
  if (text.includes('#')) return "contains a fragment ('#')";
  return null;
}

function segmentsProblem(segments: readonly string[]): string | null {
  const root = ROOTS.find((r) => r.every((s, i) => segments[i] === s)) ?? ownRoot(segments);
  if (!root) return "must start with '/restapi/v1.0/', '/team-messaging/v1/' or '/webinar/'";
  if (segments.length === root.length) return 'names no resource after the API root';
  for (const [i, segment] of segments.entries()) {
    const n = i + 1;
    if (segment === '') return `has an empty segment at position ${n}`;
    if (segment === '.' || segment === '..') return `has a '${segment}' segment at position ${n}`;
    if (segment === '~') {
      if (tildeAllowed(segments, i)) continue;
      return `has '~' at position ${n}, allowed only as the id after 'account' or 'extension'`;
    }
    if (!SEGMENT.test(segment)) return `segment '${quote(segment)}' may only contain A-Z a-z 0-9 . _ -`;
    if (OWNER_SEGMENTS.has(segment.toLowerCase()) && !OWNER_SEGMENTS.has(segment)) {
      return `segment '${segment}' must be written '${segment.toLowerCase()}' (paths are case-sensitive)`;
    }
  }
  return null;
}

/**
 * **The segments that name a tenant are only ever lower case.** Another spelling (`Account`) would
 * name no account to the tenancy checks, which look for `account`, yet read as one to a person or a
 * receiver: such a path could claim another tenant's account (docs/reliability.md, finding 13).
 */
const OWNER_SEGMENTS: ReadonlySet<string> = new Set(['account', 'extension']);

/**
 * A path outside RingCentral's roots names an operator's own namespace (its first segment, e.g.
 * `/acme/…`, configured as `eventNamespaces`); whether that namespace is configured is checked
 * where subscriptions are validated (event-catalogue.ts), not here.
 */
function ownRoot(segments: readonly string[]): readonly string[] | undefined {
  const [first] = segments;
  if (first === undefined || ROOTS.some((r) => r[0] === first.toLowerCase())) return undefined;
  return SEGMENT.test(first) ? [first] : undefined;
}

/**
 * Where `~` ("mine") may stand, as a whole segment: the id after `account` or `extension` (§6.1),
 * and the reminder's `/restapi/v1.0/subscription/~` ("this subscription", §5.4 f).
 */
function tildeAllowed(segments: readonly string[], i: number): boolean {
  const before = segments[i - 1];
  if (before === 'account' || before === 'extension') return true;
  return i === 3 && segments[0] === 'restapi' && segments[1] === 'v1.0' && before === 'subscription';
}

function parseQuery(query: string): Record<string, string> | string {
  if (query === '') return "has an empty query string after '?'";
  const params: Record<string, string> = {};
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    if (!PARAM_NAME.test(name)) return `has an invalid parameter name '${quote(name)}'`;
    if (!PARAM_VALUE.test(value))
      return `parameter '${quote(name)}' needs a value of A-Z a-z 0-9 . _ ~ + : , @ -`;
    if (Object.hasOwn(params, name)) return `repeats parameter '${name}' (use one filter per value)`;
    params[name] = value;
  }
  return params;
}

/** Error messages echo user input: keep a 2 kB segment from becoming a 2 kB message. */
function quote(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
