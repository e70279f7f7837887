/**
 * The schema mark that keeps a route out of the OpenAPI reference (@fastify/swagger's `hide`):
 * the dashboard's pages, sign-in and page data are for its own page, not an API for clients
 * (docs/decisions.md "Dashboard"). Spread it into a route's schema.
 */
export const HIDDEN = { hide: true } as const;
