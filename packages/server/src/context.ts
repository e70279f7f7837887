import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { DeliveryOffer } from './dispatcher/dispatcher.js';
import type { MatchIndex } from './filters/match-index.js';
import type { HandshakeResult } from './handshake/perform-handshake.js';
import type { Random } from './random.js';
import type { ServerEvents } from './server-events.js';
import type { Store } from './store/store.js';

/** The handshake with the configured timeout, TLS and address guard already applied. */
export type Handshake = (target: {
  address: string;
  verificationToken: string | null;
  signingSecret: string | null;
}) => Promise<HandshakeResult>;

/**
 * Everything a request handler or background job needs, built once by `createApp` (app.ts).
 * Edges (clock, random, handshake, logger) are injected so tests control them.
 */
export interface AppContext {
  config: Readonly<Config>;
  store: Store;
  clock: Clock;
  random: Random;
  logger: Logger;
  /** In-memory filter index over Active and Blacklisted subscriptions. */
  index: MatchIndex;
  handshake: Handshake;
  events: ServerEvents;
  /** Tells the dispatcher new deliveries were committed, so it claims now instead of at the next poll. */
  wakeDispatcher(): void;
  /**
   * A reservation for handing a publish's deliveries straight to this node's dispatcher, or null
   * when it takes none now (not running). See Dispatcher.offer.
   */
  offerDeliveries(): DeliveryOffer | null;
}
