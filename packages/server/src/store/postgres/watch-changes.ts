import pg, { type ClientConfig, type Notification } from 'pg';
import type { StoreChangeListener } from '../store.js';
import { DELIVERIES_CHANNEL, SUBSCRIPTION_CHANNEL } from './notify-changes.js';

export interface WatchLog {
  warn(details: object, message: string): void;
}

/** Reconnect delays: 100 ms doubling to 5 s, each with ±50 % jitter so nodes do not reconnect in step. */
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;

/**
 * LISTENs on one dedicated connection (never a pooled one: a pool would hand it to queries and
 * drop the LISTEN when it recycles it) and turns notifications from nodes on the same schema into
 * listener calls.
 *
 * When the connection is lost (PostgreSQL restarted, failed over, a network cut), notifications
 * sent meanwhile are gone for good, so after reconnecting it calls `resync` and `deliveriesQueued`:
 * the node reloads its index and claims, and nothing missed stays missed. Polling covers the gap.
 */
export async function watchChanges(
  config: ClientConfig,
  listener: StoreChangeListener,
  log: WatchLog,
): Promise<() => Promise<void>> {
  let current: pg.Client | null = null;
  let closed = false;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;

  function onNotification(schema: string, message: Notification): void {
    if (message.channel === DELIVERIES_CHANNEL) {
      if (message.payload === schema) listener.deliveriesQueued();
      return;
    }
    if (message.channel !== SUBSCRIPTION_CHANNEL || !message.payload) return;
    let change: { schema?: unknown; id?: unknown };
    try {
      change = JSON.parse(message.payload) as typeof change;
    } catch {
      return; // not ours: some other program NOTIFYing on our channel name
    }
    if (change.schema === schema && typeof change.id === 'string') listener.subscriptionChanged(change.id);
  }

  async function connect(): Promise<void> {
    const client = new pg.Client({ ...config, keepAlive: true });
    client.on('error', (err) => lost(client, err));
    client.on('end', () => lost(client, null));
    try {
      await client.connect();
      const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
      const schema = rows[0]?.schema ?? '';
      client.on('notification', (message) => onNotification(schema, message));
      await client.query(`LISTEN ${DELIVERIES_CHANNEL}; LISTEN ${SUBSCRIPTION_CHANNEL}`);
    } catch (err) {
      client.removeAllListeners('end');
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw err;
    }
    current = client;
    failures = 0;
  }

  function lost(client: pg.Client, err: Error | null): void {
    if (current !== client) return;
    current = null;
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (closed) return;
    log.warn({ err }, 'lost the PostgreSQL notification connection; reconnecting');
    reconnectLater();
  }

  function reconnectLater(): void {
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures) * (0.5 + Math.random());
    retry = setTimeout(() => {
      retry = null;
      connect().then(
        () => {
          if (closed) {
            const client = current;
            current = null;
            void client?.end().catch(() => undefined);
            return;
          }
          listener.resync();
          listener.deliveriesQueued();
        },
        (err: Error) => {
          failures += 1;
          if (closed) return;
          if (failures % 10 === 1)
            log.warn({ err, failures }, 'PostgreSQL notification connection still down');
          reconnectLater();
        },
      );
    }, delay);
    retry.unref();
  }

  await connect();
  return async () => {
    closed = true;
    if (retry) clearTimeout(retry);
    const client = current;
    current = null;
    if (client) {
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  };
}
