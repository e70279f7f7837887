import pino, { type Logger } from 'pino';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { type Config, resolveConfig } from '../../src/config.js';
import type { Random } from '../../src/random.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

/** Deterministic randomness: counting ids, jitter-free retries (float 0.5 is the schedule's centre). */
export function countingRandom(): Random {
  let n = 0;
  const next = () => {
    n += 1;
    return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  };
  return {
    uuid: next,
    id: next,
    float: () => 0.5,
    token: () => {
      n += 1;
      return `test-token-${n}`;
    },
  };
}

export interface TestApp extends App {
  clock: ManualClock;
  adminToken: string;
  /** JSON request through Fastify inject with the admin token (or another). */
  // biome-ignore lint/suspicious/noExplicitAny: tests assert response bodies field by field
  call(method: string, url: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
}

/**
 * The whole server in process on a ManualClock and an in-memory SQLite store. The dispatcher and
 * scheduler do not run by themselves: tests call `dispatcher.runOnce()` and `scheduler.tick()`.
 */
export async function startTestApp(
  overrides: Partial<Record<keyof Config, unknown>> = {},
  options: { logger?: Logger } = {},
): Promise<TestApp> {
  const clock = new ManualClock();
  const config = resolveConfig({
    flags: { port: 0, logLevel: 'silent', dataDir: '/nonexistent', ...overrides },
  });
  const store = createSqliteStore({ filename: ':memory:' });
  const app = await createApp({
    config,
    clock,
    store,
    random: countingRandom(),
    logger: options.logger ?? pino({ level: 'silent' }),
  });
  const adminToken = app.createdAdminToken;
  if (!adminToken) throw new Error('expected a bootstrap admin token');
  return Object.assign(app, {
    clock,
    adminToken,
    async call(method: string, url: string, body?: unknown, token = adminToken) {
      const res = await app.api.inject({
        method: method as 'GET',
        url,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
    },
  });
}
