import { buildConnector, type Dispatcher, Pool } from 'undici';
import { checkIpLiteral, createGuardedLookup, type UrlGuardOptions } from './url-guard.js';

/** TLS settings for outgoing webhooks; `ca` adds trust (e.g. a private CA in tests). */
export interface HttpTlsOptions {
  rejectUnauthorized?: boolean;
  ca?: string;
}

export interface HttpPoolsOptions {
  /** Concurrent connections per origin: one slow receiver cannot take every socket (DESIGN "Isolation"). */
  connectionsPerOrigin: number;
  guard: UrlGuardOptions;
  /** How long an idle connection is kept for the next notification; default 4000 ms. */
  keepAliveTimeoutMs?: number;
  tls?: HttpTlsOptions;
}

/** Bounds a connect that would otherwise wait for the OS (minutes); requests have their own deadline. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * One keep-alive undici `Pool` per origin, each connecting through the address guard, so every
 * new connection is checked at connect time (docs/decisions.md "Subscriptions" → Address).
 * Pools never follow redirects: undici dispatchers only do so through an interceptor, and none
 * is installed (3xx is a failure, docs/decisions.md "Delivery").
 *
 * @example
 * const pools = new HttpPools({ connectionsPerOrigin: 4, guard: { allowHttp: false, allowPrivate: false } });
 * await pools.dispatcherFor(new URL(address)).request({ path: '/hook', method: 'POST', body });
 * await pools.close();
 */
export class HttpPools {
  private readonly pools = new Map<string, Pool>();
  private readonly connect: buildConnector.connector;
  private closed = false;

  constructor(private readonly opts: HttpPoolsOptions) {
    const base = buildConnector({
      lookup: createGuardedLookup(opts.guard),
      timeout: CONNECT_TIMEOUT_MS,
      minVersion: 'TLSv1.2', // ringcentral-protocol.md §4.3
      ...(opts.tls?.ca !== undefined && { ca: opts.tls.ca }),
      ...(opts.tls?.rejectUnauthorized !== undefined && { rejectUnauthorized: opts.tls.rejectUnauthorized }),
    });
    const guard = opts.guard;
    this.connect = (options, callback) => {
      if (options.protocol === 'http:' && !guard.allowHttp) {
        return callback(new Error('http is not allowed, use https'), null);
      }
      const refused = checkIpLiteral(options.hostname, guard);
      if (refused) return callback(refused, null);
      base(options, callback);
    };
  }

  /** The pool for `url`'s origin, created on first use. */
  dispatcherFor(url: URL): Dispatcher {
    if (this.closed) throw new Error('HttpPools is closed');
    let pool = this.pools.get(url.origin);
    if (!pool) {
      pool = new Pool(url.origin, {
        connections: this.opts.connectionsPerOrigin,
        keepAliveTimeout: this.opts.keepAliveTimeoutMs ?? 4_000,
        connect: this.connect,
      });
      this.pools.set(url.origin, pool);
    }
    return pool;
  }

  /** Closes every pool after its requests in flight have finished. */
  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }
}
