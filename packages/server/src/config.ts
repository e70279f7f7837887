/**
 * Configuration, resolved once and frozen: flags > environment (`SWITCHBOARD_*`) > file > defaults
 *. Every key is documented here and in docs/configuration.md (a test compares them).
 * Durations are milliseconds unless the name says seconds.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { readConfigFile } from './config-file.js';
import { SPECIAL_KEYS } from './config-special-keys.js';

export type Mode = 'development' | 'production';
/** `auto`: on in production, off in development. */
export type RateLimitSwitch = 'auto' | 'on' | 'off';
/** `quick`: PRAGMA quick_check of the SQLite file before serving (about 4 s per GB); `off`: none. */
export type IntegrityCheck = 'quick' | 'off';

export interface Config {
  /** `development` (default): 127.0.0.1, http and loopback receivers allowed, pretty logs. */
  mode: Mode;
  host: string;
  port: number;
  /** Where the SQLite file and the local admin token live. */
  dataDir: string;
  /** `sqlite` (default, in dataDir) or a `postgres://` URL. */
  database: string;
  /** PostgreSQL only: connections in this node's pool. */
  databasePoolSize: number;
  /** SQLite only: check the file at start and refuse a corrupt one (docs/reliability.md). */
  integrityCheckOnStart: IntegrityCheck;
  /** The base of `uri` fields in responses; defaults to http://host:port. */
  publicUrl: string | null;
  logLevel: string;

  /** Handshake and delivery timeout (docs/decisions.md "Delivery"). */
  deliveryTimeoutMs: number;
  handshakeTimeoutMs: number;
  /** Bytes of a receiver's response body kept in the attempt log. */
  responseSnippetBytes: number;
  retryScheduleMs: number[];
  retryJitter: number;

  /** Blacklist when failing continuously this long AND at least blacklistMinFailures in a row. */
  blacklistAfterMs: number;
  blacklistMinFailures: number;
  probeIntervalMs: number;
  /** Pending deliveries older than this become `expired`. */
  backlogRetentionMs: number;
  /** Delivered deliveries and their events are pruned after this. */
  deliveredRetentionMs: number;
  /** Expired subscriptions stay visible in /v1 this long. */
  expiredRetentionMs: number;

  /** Concurrency caps of the dispatcher. */
  maxInFlight: number;
  perSubscriptionConcurrency: number;
  connectionsPerOrigin: number;
  claimBatchSize: number;
  /**
   * Worker threads that build, sign and send notifications while the main thread claims and
   * records (docs/performance.md "Third round: every core"); 0 sends on the main thread. Default: one
   * less than `os.availableParallelism()`, at least 1, so a node uses every core.
   */
  senderThreads: number;
  /**
   * Bytes of event bodies one node holds for delivery (queued or in flight), each body counted
   * once however many deliveries share it; claims and publishes beyond it wait in the table.
   */
  maxHeldBytes: number;
  leaseMs: number;
  pollIntervalMs: number;
  schedulerIntervalMs: number;
  /**
   * With a store that notifies (PostgreSQL), how often each node reloads every live subscription
   * into its filter index: the fallback should a change notification be missed.
   */
  indexResyncMs: number;
  /** Outcomes are written in batches at least this far apart (attempt-recorder.ts), or 512. */
  attemptBatchMs: number;
  /** How long an outcome after a quiet spell, or one freeing an ordered key, waits for its batch. */
  attemptFlushMs: number;

  maxSubscriptionsPerExtension: number;
  maxFiltersPerSubscription: number;
  /**
   * Path prefixes of the operator's own events (e.g. `/acme/`): filters below them are accepted
   * whatever the path. Filters under RingCentral's namespaces must be in its event-filter catalogue.
   */
  eventNamespaces: string[];
  defaultExpiresInSeconds: number;
  maxExpiresInSeconds: number;
  maxPublishBatch: number;
  bodyLimitBytes: number;
  /**
   * Slow clients (docs/reliability.md, finding 9): a request must arrive whole — headers and body — within
   * requestTimeoutMs, its headers within headersTimeoutMs; beyond maxConnections open
   * connections, new ones are dropped at once.
   */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  maxConnections: number;
  /** How long a signing secret rotated out still signs (a second signature). */
  secretRotationOverlapMs: number;

  /**
   * Per-token API rate limits (docs/ringcentral-protocol.md §3.9): `auto` is on in production and off
   * in development; `on` and `off` force it either way.
   */
  rateLimit: RateLimitSwitch;
  /** Requests per window and token: list, get and renew (RingCentral's Light group). */
  rateLimitLight: number;
  /** Create, update, delete and other changes (RingCentral's Medium group). */
  rateLimitMedium: number;
  /** `POST /v1/events` (ours; a batch carries up to maxPublishBatch events). */
  rateLimitPublish: number;
  /** RingCentral's Auth group: `/restapi/oauth/*`, per client address (no token there yet). */
  rateLimitAuth: number;
  rateLimitWindowMs: number;
  /** After the limit is hit, every request waits this long; each request meanwhile restarts it. */
  rateLimitPenaltyMs: number;

  /**
   * A bearer token that may read `GET /metrics` (a Prometheus scrape job's credentials), beside a
   * server admin's API token. A secret: give it through the environment or a file, never a flag.
   */
  metricsToken: string | null;
  /** `GET /v1/stream`: how many recent events a reconnecting client can resume (`Last-Event-ID`). */
  streamReplayEvents: number;
  /** A stream client with more than this many bytes unread is disconnected. */
  streamClientBufferBytes: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULTS: Readonly<Config> = Object.freeze({
  mode: 'development',
  host: '127.0.0.1',
  port: 8080,
  dataDir: '.switchboard',
  database: 'sqlite',
  databasePoolSize: 10,
  integrityCheckOnStart: 'quick',
  publicUrl: null,
  logLevel: 'info',
  deliveryTimeoutMs: 3000,
  handshakeTimeoutMs: 3000,
  responseSnippetBytes: 1024,
  retryScheduleMs: [
    5_000,
    30_000,
    2 * MINUTE,
    10 * MINUTE,
    30 * MINUTE,
    HOUR,
    3 * HOUR,
    6 * HOUR,
    12 * HOUR,
    DAY,
  ],
  retryJitter: 0.2,
  blacklistAfterMs: 10 * MINUTE,
  blacklistMinFailures: 5,
  probeIntervalMs: 15 * MINUTE,
  backlogRetentionMs: 72 * HOUR,
  deliveredRetentionMs: 7 * DAY,
  expiredRetentionMs: 7 * DAY,
  maxInFlight: 256,
  perSubscriptionConcurrency: 8,
  connectionsPerOrigin: 16,
  claimBatchSize: 256,
  senderThreads: Math.max(1, availableParallelism() - 1),
  maxHeldBytes: 64 * 1024 * 1024,
  leaseMs: 30_000,
  pollIntervalMs: 1000,
  schedulerIntervalMs: 10_000,
  indexResyncMs: 60_000,
  attemptFlushMs: 5,
  attemptBatchMs: 50,
  maxSubscriptionsPerExtension: 30,
  maxFiltersPerSubscription: 100,
  eventNamespaces: [],
  defaultExpiresInSeconds: 604_800,
  maxExpiresInSeconds: 630_720_000,
  maxPublishBatch: 1000,
  bodyLimitBytes: 5 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  maxConnections: 4096,
  secretRotationOverlapMs: DAY,
  rateLimit: 'auto',
  rateLimitLight: 50,
  rateLimitMedium: 40,
  rateLimitPublish: 1200,
  rateLimitAuth: 5,
  rateLimitWindowMs: MINUTE,
  rateLimitPenaltyMs: MINUTE,
  metricsToken: null,
  streamReplayEvents: 1000,
  streamClientBufferBytes: 1_048_576,
});

type Key = keyof Config;
type Source = Partial<Record<Key, unknown>>;

/** camelCase key → SWITCHBOARD_SNAKE_CASE. */
export function envName(key: Key): string {
  return `SWITCHBOARD_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

export { ConfigError } from './config-error.js';

function coerce(key: Key, value: unknown, origin: string): unknown {
  const expected = DEFAULTS[key];
  const fail = (why: string): never => {
    throw new ConfigError(`Invalid configuration ${key} (from ${origin}): ${why}`);
  };
  const special = SPECIAL_KEYS[key];
  if (special) return special(value, fail);
  if (Array.isArray(expected)) {
    const list = typeof value === 'string' ? value.split(',').map((s) => Number(s.trim())) : value;
    if (!Array.isArray(list) || list.some((n) => typeof n !== 'number' || !Number.isFinite(n) || n < 0))
      fail('must be a comma-separated list of non-negative numbers');
    return list;
  }
  if (typeof expected === 'number') {
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
      fail(`must be a non-negative number, got ${JSON.stringify(value)}`);
    if (key === 'retryJitter' && (n as number) > 1) fail('must be between 0 and 1');
    if (key === 'port' && (!Number.isInteger(n) || (n as number) > 65535))
      fail('must be a port number 0-65535');
    if (key === 'databasePoolSize' && (!Number.isInteger(n) || (n as number) < 1))
      fail('must be a whole number of connections, at least 1');
    if (key === 'senderThreads' && (!Number.isInteger(n) || (n as number) > 64))
      fail('must be a whole number of threads, 0 to 64');
    return n;
  }
  if (typeof value !== 'string' || value === '') fail('must be a non-empty string');
  return value;
}

function fromEnv(env: NodeJS.ProcessEnv): Source {
  const out: Source = {};
  for (const key of Object.keys(DEFAULTS) as Key[]) {
    const v = env[envName(key)];
    if (v !== undefined) out[key] = v;
  }
  if (env.SWITCHBOARD_DATABASE_URL !== undefined && out.database === undefined)
    out.database = env.SWITCHBOARD_DATABASE_URL;
  return out;
}

export interface ConfigInput {
  flags?: Source;
  env?: NodeJS.ProcessEnv;
  file?: string | undefined;
}

/**
 * Resolves the configuration once. Invalid values fail here, at start, with a message naming the
 * key and where it came from.
 *
 * @example
 * const config = resolveConfig({ flags: { port: 9090 }, env: process.env });
 */
export function resolveConfig(input: ConfigInput = {}): Readonly<Config> {
  const env = input.env ?? {};
  const file = input.file ?? env.SWITCHBOARD_CONFIG;
  const layers: Array<[string, Source]> = [
    ['defaults', {}],
    [file ? `file ${file}` : 'file', file ? (readConfigFile(file, DEFAULTS) as Source) : {}],
    ['environment', fromEnv(env)],
    ['flags', input.flags ?? {}],
  ];
  const merged: Record<string, unknown> = { ...DEFAULTS };
  for (const [origin, layer] of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      merged[key] = coerce(key as Key, value, origin);
    }
  }
  const config = merged as unknown as Config;
  if (config.mode === 'production' && !('host' in (input.flags ?? {})) && !fromEnv(env).host)
    config.host = '0.0.0.0';
  config.dataDir = resolve(config.dataDir);
  if (
    config.requestTimeoutMs < 1 ||
    config.headersTimeoutMs < 1 ||
    config.headersTimeoutMs > config.requestTimeoutMs
  )
    throw new ConfigError(
      'Invalid configuration headersTimeoutMs/requestTimeoutMs: both at least 1, headersTimeoutMs at most requestTimeoutMs',
    );
  if (config.retryScheduleMs.length === 0)
    throw new ConfigError('Invalid configuration retryScheduleMs: must not be empty');
  return Object.freeze(config);
}
