/** An event filter or `event` value reduced to what identifies it (ringcentral-protocol.md §6.3). */
export interface EventFilter {
  /** The path with every account, extension and subscription id replaced by `~`. */
  path: string;
  /** Query parameters, first value of each. */
  params: Readonly<Record<string, string>>;
}

// The segment after each of these names is an owner id or `~` (§6.1).
const ID_SEGMENT_PARENTS = new Set(['account', 'extension', 'subscription']);

// Team messaging: RingCentral rewrites `event` to an account/extension path the filter never
// had (§5.4 g); newer docs name the same resources /team-messaging/v1/posts, …/groups
// (ringcentral-protocol.md) and …/chats (RingCentral's current team messaging event pages).
const PATH_ALIASES: ReadonlyMap<string, string> = new Map([
  ['/restapi/v1.0/account/~/extension/~/glip/posts', '/restapi/v1.0/glip/posts'],
  ['/restapi/v1.0/account/~/extension/~/glip/groups', '/restapi/v1.0/glip/groups'],
  ['/team-messaging/v1/posts', '/restapi/v1.0/glip/posts'],
  ['/team-messaging/v1/groups', '/restapi/v1.0/glip/groups'],
  ['/team-messaging/v1/chats', '/restapi/v1.0/glip/groups'],
]);

/**
 * Normalises an event filter or a notification's `event` so that equal subscriptions compare
 * equal: RingCentral's `event` sometimes keeps `~`, sometimes has ids, and for team messaging
 * names a path that was not in the filter (§6.3). Routing on the raw string breaks; route on this.
 *
 * @example
 * parseEventFilter('/restapi/v1.0/account/~/extension/6610372004/presence?detailedTelephonyState=true');
 * // { path: '/restapi/v1.0/account/~/extension/~/presence', params: { detailedTelephonyState: 'true' } }
 */
export function parseEventFilter(event: string): EventFilter {
  const queryStart = event.indexOf('?');
  const rawPath = queryStart === -1 ? event : event.slice(0, queryStart);
  const query = queryStart === -1 ? '' : event.slice(queryStart + 1);
  const path = normalisePath(rawPath);
  return { path: PATH_ALIASES.get(path) ?? path, params: parseParams(query) };
}

/**
 * Whether a notification's `event` is an instance of `filter`: equal normalised paths, and every
 * parameter of `filter` present in `event` with the same value. Parameters the filter does not
 * name do not matter, so `…/presence` matches `…/presence?detailedTelephonyState=true`.
 *
 * @example
 * matchesEventFilter(notification.event, '/restapi/v1.0/account/~/extension/~/message-store?type=SMS');
 */
export function matchesEventFilter(event: string, filter: string): boolean {
  const actual = parseEventFilter(event);
  const wanted = parseEventFilter(filter);
  if (actual.path !== wanted.path) return false;
  return Object.entries(wanted.params).every(([name, value]) => actual.params[name] === value);
}

function normalisePath(path: string): string {
  const segments = path.split('/');
  const normalised = segments.map((segment, index) => {
    const parent = segments[index - 1];
    return parent !== undefined && ID_SEGMENT_PARENTS.has(parent) && segment !== '' ? '~' : segment;
  });
  const joined = normalised.join('/');
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

function parseParams(query: string): Record<string, string> {
  const params = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(query)) {
    if (!params.has(name)) params.set(name, value);
  }
  // fromEntries defines own properties, so a `__proto__` parameter cannot touch the prototype.
  return Object.fromEntries(params);
}
