import { afterEach, beforeEach } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import { buildApi } from '../../src/api/build-api.js';
import { ManualClock } from '../../src/clock.js';
import { type Config, DEFAULTS } from '../../src/config.js';
import type { AppContext, Handshake } from '../../src/context.js';
import { MatchIndex } from '../../src/filters/match-index.js';
import type { HandshakeResult } from '../../src/handshake/perform-handshake.js';
import type { Role } from '../../src/model.js';
import type { Random } from '../../src/random.js';
import { ServerEvents } from '../../src/server-events.js';
import { isUnavailable as isPostgresUnavailable } from '../../src/store/postgres/is-unavailable.js';
import { asStoreError } from '../../src/store/raise-store-unavailable.js';
import { isUnavailable as isSqliteUnavailable } from '../../src/store/sqlite/is-unavailable.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { hashToken } from '../../src/tokens/hash-token.js';
import { PRESENCE_MINE, SUBSCRIPTION, TOKENS } from './api-fixtures.js';

const OWNERS: Record<keyof typeof TOKENS, { role: Role; accountId: string; extensionId: string }> = {
  admin: { role: 'admin', accountId: '1001', extensionId: '2001' },
  user: { role: 'user', accountId: '1001', extensionId: '2001' },
  userOtherExtension: { role: 'user', accountId: '1001', extensionId: '2002' },
  userOtherAccount: { role: 'user', accountId: '1002', extensionId: '3001' },
  publisher: { role: 'publisher', accountId: '1001', extensionId: '2001' },
  revoked: { role: 'admin', accountId: '1001', extensionId: '2001' },
};

/** Counter-based ids, so every run creates the same ones. */
export function counterRandom(): Random {
  let n = 0;
  return {
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    id: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    float: () => 0.5,
    token: (bytes) => `t${String(++n).padStart(bytes, '0')}`,
  };
}

/** A handshake the test scripts: passes unless told to fail; records what it was asked. */
export class ScriptedHandshake {
  readonly calls: Array<Parameters<Handshake>[0]> = [];
  readonly #queue: HandshakeResult[] = [];

  failNext(
    code: 'SUB-520' | 'SUB-521' | 'SUB-523' | 'SUB-524' | 'SUB-525',
    detail = 'scripted failure',
  ): void {
    this.#queue.push({ ok: false, code, detail, latencyMs: 12 });
  }

  readonly run: Handshake = async (target) => {
    this.calls.push(target);
    return this.#queue.shift() ?? { ok: true, latencyMs: 3 };
  };
}

export interface Harness {
  app: FastifyInstance;
  ctx: AppContext;
  store: Store;
  clock: ManualClock;
  handshake: ScriptedHandshake;
  wakes: () => number;
  close: () => Promise<void>;
}

export interface HarnessOptions {
  config?: Partial<Config>;
  /** Wraps the real store, e.g. to make one method fail. */
  wrapStore?: (store: Store) => Store;
  /** Default: silent. */
  logger?: Logger;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const realStore = createSqliteStore({ filename: ':memory:' });
  await realStore.migrate();
  const clock = new ManualClock();
  for (const [key, bearer] of Object.entries(TOKENS) as Array<[keyof typeof TOKENS, string]>) {
    await realStore.createToken({
      id: `token-${key}`,
      name: key,
      ...OWNERS[key],
      hash: hashToken(bearer),
      createdAt: clock.now(),
      revokedAt: key === 'revoked' ? clock.now() : null,
    });
  }
  const store = options.wrapStore ? options.wrapStore(realStore) : realStore;
  const handshake = new ScriptedHandshake();
  let wakes = 0;
  const ctx: AppContext = {
    config: Object.freeze({ ...DEFAULTS, ...options.config }),
    store,
    clock,
    random: counterRandom(),
    logger: options.logger ?? pino({ level: 'silent' }),
    index: new MatchIndex(),
    handshake: handshake.run,
    events: new ServerEvents(),
    wakeDispatcher: () => {
      wakes++;
    },
    offerDeliveries: () => null,
  };
  const app = await buildApi(ctx);
  return {
    app,
    ctx,
    store,
    clock,
    handshake,
    wakes: () => wakes,
    close: async () => {
      await app.close();
      await realStore.close();
    },
  };
}

/** The harness `useHarness()` gives a test file: the current test's, and a way to swap it. */
export interface EachTestHarness extends Harness {
  /** Closes this test's harness and opens one with `options` in its place (closed after the test). */
  restart(options: HarnessOptions): Promise<void>;
}

/**
 * A fresh harness for every test of the file (created before each, closed after each), as one
 * object the file holds at the top: `const h = useHarness();`. It forwards to the current
 * test's harness, so it is read only inside tests and hooks.
 */
export function useHarness(options: HarnessOptions = {}): EachTestHarness {
  let current: Harness | null = null;
  beforeEach(async () => {
    current = await createHarness(options);
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  const restart = async (replacement: HarnessOptions): Promise<void> => {
    await current?.close();
    current = await createHarness(replacement);
  };
  return new Proxy({} as EachTestHarness, {
    get: (_target, prop) => {
      if (prop === 'restart') return restart;
      if (!current) throw new Error('useHarness(): the harness exists only inside a test or hook');
      return Reflect.get(current, prop);
    },
  });
}

export interface Call {
  token?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  json: any;
  headers: Record<string, unknown>;
  text: string;
}

/** One request through Fastify's inject; JSON bodies are serialised, strings sent as given. */
export async function call(h: Harness, method: string, url: string, options: Call = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let payload: string | undefined;
  if (typeof options.body === 'string') payload = options.body;
  else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await h.app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(payload !== undefined ? { payload } : {}),
  });
  const text = response.body;
  return {
    status: response.statusCode,
    // Metrics, YAML and the reference page answer in other formats.
    json: text && /json/.test(String(response.headers['content-type'])) ? JSON.parse(text) : undefined,
    headers: response.headers,
    text,
  };
}

/** A valid create body; override fields per test. */
export function createBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventFilters: [PRESENCE_MINE],
    deliveryMode: {
      transportType: 'WebHook',
      address: 'http://127.0.0.1:9/hook',
      verificationToken: 'v3rify-me',
    },
    ...overrides,
  };
}

/** Creates a subscription through the API and returns its create response. */
export async function subscribe(
  h: Harness,
  token: string = TOKENS.user,
  body = createBody(),
): Promise<Answer> {
  const answer = await call(h, 'POST', SUBSCRIPTION, { token, body });
  if (answer.status !== 200) throw new Error(`create failed: ${answer.status} ${answer.text}`);
  return answer;
}

/** A store whose `method` throws `error` (e.g. a SQLITE_READONLY-coded one); the rest works. */
export function failing(method: keyof Store, error: Error): (store: Store) => Store {
  return (store) =>
    new Proxy(store, {
      get: (target, prop, receiver) =>
        prop === method
          ? async () => {
              throw error;
            }
          : Reflect.get(target, prop, receiver),
    });
}

/** An Error with a `code`, as better-sqlite3 and pg throw them. */
export function codedError(code: string, message = 'store failure'): Error {
  const raw = Object.assign(new Error(message), { code });
  // As the backend raises it: its own "cannot serve now" codes become a StoreUnavailableError.
  return asStoreError(raw, (e) => isSqliteUnavailable(e) || isPostgresUnavailable(e)) as Error;
}

/** Blacklists a subscription the way the dispatcher does after a failure run. */
export async function blacklist(h: Harness, id: string): Promise<void> {
  const at = h.clock.now();
  await h.store.updateSubscription(id, {
    status: 'Blacklisted',
    blacklistedAt: at,
    blacklistedReason: 'Webhook responses with code: [500], reason: [Internal Server Error]',
    failingSince: at - 600_000,
    consecutiveFailures: 7,
    updatedAt: at,
  });
}

/** Asserts nothing in a response leaks a verification token. */
export function hasNoVerificationToken(answer: Answer): boolean {
  return !answer.text.includes('verificationToken') && !answer.text.includes('v3rify-me');
}
