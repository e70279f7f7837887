import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { baseUrl } from './api/base-url.js';
import { buildApi } from './api/build-api.js';
import { type Clock, systemClock } from './clock.js';
import { type Config, ConfigError } from './config.js';
import type { AppContext, Handshake } from './context.js';
import { type DeliverySender, inlineSender } from './dispatcher/delivery-sender.js';
import { Dispatcher, type Send } from './dispatcher/dispatcher.js';
import { sendNotification } from './dispatcher/send-notification.js';
import { SenderThreads } from './dispatcher/sender-threads.js';
import { followStoreChanges } from './filters/follow-store-changes.js';
import { MatchIndex } from './filters/match-index.js';
import { performHandshake } from './handshake/perform-handshake.js';
import { createLogger } from './logger.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_EXTENSION_ID } from './model.js';
import { bootstrapDevelopmentApp } from './oauth/bootstrap-development-app.js';
import { logServerEvents } from './observability/event-log.js';
import { reportHandshakes } from './observability/report-handshakes.js';
import { timeStoreCalls } from './observability/time-store-calls.js';
import { HttpPools } from './outbound/http-pools.js';
import type { UrlGuardOptions } from './outbound/url-guard.js';
import { type Random, systemRandom } from './random.js';
import { Scheduler } from './scheduler/scheduler.js';
import { ServerEvents } from './server-events.js';
import { DatabaseCorruptError } from './store/database-corrupt-error.js';
import { createPostgresStore } from './store/postgres/postgres-store.js';
import { checkSqliteIntegrity } from './store/sqlite/check-integrity.js';
import { sqliteFileOf } from './store/sqlite/sqlite-file-of.js';
import { createSqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/store.js';
import { bootstrapAdmin } from './tokens/bootstrap-admin.js';

export interface AppOptions {
  config: Readonly<Config>;
  clock?: Clock;
  random?: Random;
  logger?: Logger;
  store?: Store;
  handshake?: Handshake;
  send?: Send;
  /**
   * Resolves host names for the address guard (handshakes and deliveries); default DNS. Tests
   * inject one to prove names resolving to private addresses, and rebinding, are refused at
   * connect time in production mode.
   */
  resolve?: UrlGuardOptions['resolve'];
  /** Where attempts are sent from; default sender threads (`senderThreads`), or this thread when `send` or `resolve` is given. */
  sender?: DeliverySender;
  /** The operator's admin token (SWITCHBOARD_ADMIN_TOKEN / _FILE): used instead of a generated one. */
  adminToken?: string | null;
}

export interface App {
  ctx: AppContext;
  api: FastifyInstance;
  dispatcher: Dispatcher;
  scheduler: Scheduler;
  /** The admin token created on this start (first start only), else null. Print it once. */
  createdAdminToken: string | null;
  /** Starts the dispatcher, the scheduler and the HTTP listener; returns the listening URL. */
  start(): Promise<string>;
  /** Graceful shutdown: stop accepting, stop claiming, finish or release in-flight work, close. */
  stop(): Promise<void>;
}

/** Opens the configured store; a SQLite file that fails its integrity check is refused. */
export function openStore(config: Readonly<Config>, logger?: Logger): Store {
  const sqliteFile = sqliteFileOf(config);
  if (sqliteFile !== null) {
    const integrity = config.integrityCheckOnStart === 'quick' ? checkSqliteIntegrity(sqliteFile) : null;
    if (integrity && !integrity.ok) throw new DatabaseCorruptError(sqliteFile, integrity.problems);
    return createSqliteStore({ filename: sqliteFile });
  }
  if (/^postgres(ql)?:\/\//.test(config.database))
    return createPostgresStore({
      connectionString: config.database,
      poolSize: config.databasePoolSize,
      ...(logger ? { log: logger.child({ component: 'store' }) } : {}),
    });
  throw new ConfigError(
    `Unsupported database "${config.database.replace(/\/\/[^@]*@/, '//…@')}": use "sqlite", "sqlite:<path>" or a postgres:// URL`,
  );
}

/** Builds the whole server from its parts; every edge can be injected (tests pass a ManualClock). */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const logger = options.logger ?? createLogger(config);
  const events = new ServerEvents();
  const stopLoggingEvents = logServerEvents(events, logger);
  const store = timeStoreCalls(options.store ?? openStore(config, logger), events);
  await store.migrate();
  // Back-off lives in memory: what an earlier process put off waiting for a receiver is due now,
  // so this one probes it again at once instead of waiting out rounds it knows nothing of.
  await store.makePutOffDue(clock.now());

  const development = config.mode === 'development';
  const guard: UrlGuardOptions = {
    allowHttp: development,
    allowPrivate: development,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  };
  const pools = new HttpPools({ connectionsPerOrigin: config.connectionsPerOrigin, guard });
  const sender = chooseSender(config, options, pools, guard, logger);
  const handshake: Handshake = reportHandshakes(
    options.handshake ??
      ((target) =>
        performHandshake({ ...target, timeoutMs: config.handshakeTimeoutMs, allowHttp: development, guard })),
    events,
  );

  const index = new MatchIndex();
  let dispatcher: Dispatcher | null = null;
  const ctx: AppContext = {
    config,
    store,
    clock,
    random,
    logger,
    index,
    handshake,
    events,
    wakeDispatcher: () => dispatcher?.wake(),
    offerDeliveries: () => dispatcher?.offer() ?? null,
  };
  dispatcher = new Dispatcher({
    store,
    clock,
    random,
    config,
    pools,
    events,
    logger,
    sender,
  });
  // Loads the index; on a shared database also follows other nodes' changes (store.watch).
  const stopFollowing = await followStoreChanges({
    store,
    index,
    logger,
    wake: ctx.wakeDispatcher,
    resyncMs: config.indexResyncMs,
  });
  const scheduler = new Scheduler(ctx);
  const createdAdminToken = await bootstrapAdmin({
    store,
    clock,
    random,
    dataDir: options.store ? null : config.dataDir,
    givenToken: options.adminToken ?? null,
  });
  if (development) {
    await bootstrapDevelopmentApp(
      ctx,
      { accountId: DEFAULT_ACCOUNT_ID, extensionId: DEFAULT_EXTENSION_ID, serverUrl: baseUrl(config) },
      options.store ? null : config.dataDir,
    );
  }
  const api = await buildApi(ctx);
  const d = dispatcher;

  return {
    ctx,
    api,
    dispatcher: d,
    scheduler,
    createdAdminToken,
    async start() {
      d.start();
      scheduler.start();
      return api.listen({ host: config.host, port: config.port });
    },
    async stop() {
      await api.close();
      await stopFollowing();
      await scheduler.stop();
      await d.stop();
      await sender.close();
      await pools.close();
      await store.close();
      stopLoggingEvents();
    },
  };
}

/**
 * Sender threads unless the sending is injected (a test's `send` or DNS: functions stay on this
 * thread) or `senderThreads` is 0.
 */
function chooseSender(
  config: Readonly<Config>,
  options: AppOptions,
  pools: HttpPools,
  guard: UrlGuardOptions,
  logger: Logger,
): DeliverySender {
  if (options.sender) return options.sender;
  if (options.send || options.resolve || config.senderThreads === 0)
    return inlineSender(options.send ?? sendNotification, pools, logger);
  const threadGuard = { allowHttp: guard.allowHttp, allowPrivate: guard.allowPrivate };
  return new SenderThreads(
    config.senderThreads,
    { pools: { connectionsPerOrigin: config.connectionsPerOrigin, guard: threadGuard } },
    logger.child({ component: 'sender-threads' }),
  );
}
