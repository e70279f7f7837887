import type { ErrorCode } from '../../errors.js';

/** How a route authenticates, as an OpenAPI security requirement. */
export type RouteAuth = 'none' | 'bearer' | 'metrics';

/** What the reference says about one route beside what its schema already says. */
export interface RouteDoc {
  summary: string;
  description: string;
  tag: string;
  auth: RouteAuth;
  /** The codes it can answer besides those every authenticated route can (auth, rate limit, store). */
  errors: ErrorCode[];
  /** A request body for the example `curl` line, when the route takes one. */
  exampleBody?: unknown;
  /** A query string for the example, e.g. `?state=dead`. */
  exampleQuery?: string;
  /** A form body for the example (`application/x-www-form-urlencoded` routes such as OAuth's). */
  exampleForm?: string;
  /** Success answers for a route whose schema declares none. */
  success?: Record<string, unknown>;
}

/** Every authenticated route can answer these; `errors` adds the route's own. */
export const AUTHENTICATED_ERRORS: ErrorCode[] = ['SWB-101', 'SWB-102', 'SWB-103', 'CMN-301', 'CMN-201'];
