import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import pino from 'pino';
import { type App, createApp } from '../../../src/app.js';
import { resolveConfig } from '../../../src/config.js';
import { createSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';

const BUILD_SCRIPT = resolve(import.meta.dirname, '../../../scripts/build-dashboard.mjs');

/**
 * Builds the dashboard's assets (so a fresh clone tests what its source says, never a stale
 * build), in a child process exactly as `npm run build:dashboard` does.
 */
export function buildDashboard(): void {
  const result = spawnSync(process.execPath, [BUILD_SCRIPT], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build-dashboard failed:\n${result.stdout}${result.stderr}`);
}

export interface DashboardServer {
  app: App;
  /** `http://127.0.0.1:<port>` */
  url: string;
  adminToken: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field
  call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * The whole server, listening on port 0 with its dispatcher running on the real clock: the
 * browser is a real client and deliveries really go out. Retries come after 50 ms and there is
 * one, so a failing delivery is dead within a test's patience.
 */
export async function startDashboardServer(): Promise<DashboardServer> {
  const config = resolveConfig({
    flags: { port: 0, host: '127.0.0.1', logLevel: 'silent', dataDir: '/nonexistent', retryScheduleMs: [50] },
  });
  const app = await createApp({
    config,
    store: createSqliteStore({ filename: ':memory:' }),
    logger: pino({ level: 'silent' }),
  });
  const adminToken = app.createdAdminToken;
  if (!adminToken) throw new Error('expected a bootstrap admin token');
  const url = (await app.start()).replace('localhost', '127.0.0.1');
  return {
    app,
    url,
    adminToken,
    async call(method, path, body, token = adminToken) {
      const response = await fetch(url + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    close: () => app.stop(),
  };
}
