import type { Config } from '../../config.js';

/**
 * Throttling groups (ringcentral-protocol.md §3.9): RingCentral puts list, get and renew in
 * Light and create, update and delete in Medium; `publish` is ours, for `POST /v1/events`.
 * Names are lower case, as RingCentral sends them in `X-Rate-Limit-Group`.
 */
export type RateLimitGroup = 'light' | 'medium' | 'publish' | 'auth';

/**
 * The group of a route. Every route has one, so a route added later is limited too: reads are
 * Light, every other method Medium, RingCentral's OAuth endpoints Auth, except the two that RingCentral (renew) or the workload
 * (publishing) say otherwise.
 *
 * @example
 * rateLimitGroup('POST', '/restapi/v1.0/subscription/:id/renew'); // 'light'
 */
export function rateLimitGroup(method: string, url: string): RateLimitGroup {
  if (url.startsWith('/restapi/oauth/')) return 'auth';
  if (method === 'POST' && url === '/v1/events') return 'publish';
  if (method === 'GET' || method === 'HEAD') return 'light';
  if (method === 'POST' && url.endsWith('/renew')) return 'light';
  return 'medium';
}

/** Requests per window for one group, from the configuration. */
export function groupLimit(group: RateLimitGroup, config: Readonly<Config>): number {
  if (group === 'light') return config.rateLimitLight;
  if (group === 'medium') return config.rateLimitMedium;
  if (group === 'auth') return config.rateLimitAuth;
  return config.rateLimitPublish;
}
