import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  /** As registered, with `:param` placeholders. */
  url: string;
}

/**
 * Every route the API serves, read back from Fastify's own route tree (`printRoutes`), so a test
 * iterating it covers a route added tomorrow without anyone editing the test's list. HEAD routes
 * Fastify adds for each GET are left out: they answer exactly what the GET does.
 */
export async function listRoutes(app: FastifyInstance): Promise<RouteEntry[]> {
  await app.ready();
  const tree = app.printRoutes({ commonPrefix: false });
  const prefixes: string[] = [];
  const routes: RouteEntry[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│├└─\s]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = Math.floor((match[1] ?? '').length / 4);
    const path = (prefixes[depth - 1] ?? '') + (match[2] ?? '');
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ')) {
      if (method !== '' && method !== 'HEAD') routes.push({ method, url: path });
    }
  }
  if (routes.length === 0) throw new Error(`no routes found in:\n${tree}`);
  return routes;
}
