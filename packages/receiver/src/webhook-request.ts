/** Reads one header by its lower-case name; `null` or `undefined` when absent. */
export type HeaderGetter = (name: string) => string | null | undefined;

/**
 * Request headers in whichever form the framework has them: a plain record (Node, Express,
 * Fastify: `req.headers`), anything with `get(name)` (the fetch API's `Headers`, Koa's
 * `ctx.get`-style objects), or a getter function. Record keys are matched case-insensitively;
 * getters are asked with lower-case names.
 */
export type HeaderSource =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | { get: HeaderGetter }
  | HeaderGetter;

/** What `receive()` needs from an HTTP request: its headers and its body, untouched. */
export interface WebhookRequest {
  headers: HeaderSource;
  /**
   * The body's bytes exactly as received (a string is taken as its UTF-8 bytes). `undefined` or
   * empty means no body. Signatures are computed over these bytes, so never pass a body that was
   * parsed and serialised again.
   */
  rawBody?: Uint8Array | string | undefined;
  /**
   * A body that a framework already parsed (e.g. `express.json()`) when its raw bytes are gone.
   * Accepted only when nothing needs the raw bytes (no `signingSecret`); otherwise the request
   * fails with `raw_body_unavailable`. Ignored when `rawBody` is given.
   */
  parsedBody?: unknown;
  /**
   * Set by an adapter when the body was consumed by other code and is available neither raw nor
   * parsed (e.g. a fetch `Request` whose body was already read): the request fails with
   * `raw_body_unavailable` instead of being mistaken for an empty body.
   */
  rawBodyUnavailable?: boolean;
}

/**
 * One header's value, or `undefined` when absent. Repeated headers given as an array are
 * joined with `, ` as HTTP does, so a repeated token never matches by accident.
 */
export function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers === 'function') return headers(name) ?? undefined;
  if (hasGetter(headers)) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[findKey(headers, name)];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.join(', ');
}

function hasGetter(headers: Exclude<HeaderSource, HeaderGetter>): headers is { get: HeaderGetter } {
  return typeof headers.get === 'function';
}

/** Node lower-cases header names; other sources may not. */
function findKey(record: Readonly<Record<string, unknown>>, lowerCaseName: string): string {
  return Object.keys(record).find((key) => key.toLowerCase() === lowerCaseName) ?? lowerCaseName;
}
