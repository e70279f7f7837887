import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

/**
 * Where `scripts/build-dashboard.mjs` writes the built UI: `packages/server/dashboard-ui/build/`.
 * This file sits two levels below the package both as `src/dashboard/*.ts` (tsx) and as
 * `dist/dashboard/*.js` (compiled), so one relative path finds it from either.
 */
export const DASHBOARD_BUILD_DIR = resolve(import.meta.dirname, '../../dashboard-ui/build');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

export interface DashboardAsset {
  body: Buffer;
  contentType: string;
}

/**
 * The built files, read once at start (a few tens of kilobytes). Only files found here are ever
 * served, by exact name, so no request path reaches the file system. Empty when not built: the
 * pages then say how to build them.
 */
export function loadDashboardAssets(dir = DASHBOARD_BUILD_DIR): Map<string, DashboardAsset> {
  const assets = new Map<string, DashboardAsset>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return assets;
  }
  for (const name of names) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType) assets.set(name, { body: readFileSync(join(dir, name)), contentType });
  }
  return assets;
}
