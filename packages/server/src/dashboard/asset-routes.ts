import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { ApiInstance } from '../api/api-instance.js';
import { ApiError } from '../errors.js';
import type { DashboardAsset } from './dashboard-assets.js';
import { HIDDEN } from './hidden-from-reference.js';
import { DASHBOARD_SECURITY_HEADERS } from './security-headers.js';

const Name = Type.Object({ name: Type.String({ maxLength: 100 }) });

const NOT_BUILT =
  'The dashboard is not built. Run `npm run build:dashboard -w packages/server` (npm start does it), then reload.\n';

/**
 * The dashboard's pages: `/` redirects to `/dashboard/`, every `/dashboard/…` page path answers
 * the one page (the UI routes in the browser), and `/dashboard/assets/<name>` the built files.
 */
export function assetRoutes(app: ApiInstance, assets: Map<string, DashboardAsset>): void {
  const send = (reply: FastifyReply, asset: DashboardAsset, cache: string) =>
    reply
      .headers({ ...DASHBOARD_SECURITY_HEADERS, 'Content-Type': asset.contentType, 'Cache-Control': cache })
      .send(asset.body);
  const page = async (_request: unknown, reply: FastifyReply) => {
    const index = assets.get('index.html');
    if (!index)
      return reply
        .status(503)
        .headers(DASHBOARD_SECURITY_HEADERS)
        .type('text/plain; charset=utf-8')
        .send(NOT_BUILT);
    return send(reply, index, 'no-store');
  };

  app.get('/', { schema: HIDDEN }, async (_request, reply) => reply.redirect('/dashboard/', 302));
  app.get('/dashboard', { schema: HIDDEN }, page);
  app.get('/dashboard/*', { schema: HIDDEN }, page);
  app.all('/dashboard/api/*', { schema: HIDDEN }, async (request) => {
    throw new ApiError('SWB-106', {
      method: request.method,
      path: request.url.split('?')[0]?.slice(0, 200) ?? '',
    });
  });
  app.get('/dashboard/assets/:name', { schema: { ...HIDDEN, params: Name } }, async (request, reply) => {
    const asset = request.params.name === 'index.html' ? undefined : assets.get(request.params.name);
    if (!asset)
      throw new ApiError('SWB-106', { method: 'GET', path: `/dashboard/assets/${request.params.name}` });
    return send(reply, asset, 'no-cache');
  });
}
