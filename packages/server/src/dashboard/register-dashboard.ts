import type { ApiInstance } from '../api/api-instance.js';
import type { AppContext } from '../context.js';
import { assetRoutes } from './asset-routes.js';
import { dashboardApiRoutes } from './dashboard-api-routes.js';
import { loadDashboardAssets } from './dashboard-assets.js';
import { DashboardSessions } from './dashboard-sessions.js';
import { DeliveryRate } from './delivery-rate.js';
import { sessionHook } from './session-hook.js';
import { sessionRoutes } from './session-routes.js';

/**
 * The web dashboard (docs/decisions.md "Dashboard"): its pages and assets, sign-in sessions, and
 * the session cookie as a way to call the whole API. Register it before the API's routes: its
 * `onRequest` hook must run before theirs.
 *
 * @example
 * registerDashboard(api, ctx);
 */
export function registerDashboard(app: ApiInstance, ctx: AppContext): void {
  const sessions = new DashboardSessions();
  const rate = new DeliveryRate(ctx.events);
  app.decorateRequest('dashboardSession', null);
  app.addHook('onRequest', sessionHook(ctx, sessions));
  app.addHook('onClose', async () => rate.close());
  sessionRoutes(app, ctx, sessions);
  dashboardApiRoutes(app, ctx, rate);
  assetRoutes(app, loadDashboardAssets());
}
