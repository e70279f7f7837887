import type { Clock } from '../clock.js';
import type { Attempt, Subscription } from '../model.js';
import type { ServerEvents } from '../server-events.js';
import type { Store } from '../store/store.js';
import { ReplayWindow } from './replay-window.js';
import { type StreamData, type StreamEntry, type StreamEventType, streamFrame } from './stream-entry.js';

/** Who may see an entry, and which subscription a client asked for (`?subscriptionId=`). */
export interface StreamFilter {
  accountId?: string;
  extensionId?: string;
  subscriptionId?: string;
}

/** A connected client: the hub writes frames to it and drops it when it falls behind. */
export interface StreamClient {
  filter: StreamFilter;
  /** Bytes written but not yet taken by the client's socket. */
  bufferedBytes(): number;
  write(frame: string): void;
  /** Ends the connection at once (the client stopped reading). */
  drop(): void;
}

export interface StreamHubOptions {
  events: ServerEvents;
  store: Pick<Store, 'getSubscription'>;
  clock: Clock;
  /** How many recent events a reconnecting client can resume from. */
  replayEvents: number;
  /** A client with more than this many bytes unread is disconnected. */
  clientBufferBytes: number;
}

type Owner = Pick<Subscription, 'accountId' | 'extensionId'>;
/** Owners looked up once and kept (they never change); cleared when this many are held. */
const OWNER_CACHE_LIMIT = 10_000;

/**
 * The live stream behind `GET /v1/stream`: subscribes to the typed server events,
 * numbers them, keeps the last `replayEvents` for `Last-Event-ID` resume, and fans each frame out
 * to the clients allowed to see it. Memory is bounded twice: the replay window by count, every
 * client by `clientBufferBytes` (a client that stops reading is dropped, never buffered for).
 *
 * The stream is this node's: on a shared database each node streams the attempts it makes.
 */
export class StreamHub {
  /** Identifies this server's numbering, so an id from an earlier process is never resumed. */
  readonly epoch: string;
  readonly #options: StreamHubOptions;
  readonly #window: ReplayWindow<StreamEntry>;
  readonly #clients = new Set<StreamClient>();
  readonly #owners = new Map<string, Owner>();
  readonly #unsubscribe: () => void;
  #seq = 0;
  /** Entries are numbered in the order the events were emitted, owner look-ups notwithstanding. */
  #chain: Promise<void> = Promise.resolve();
  /** Events in `#chain` still waiting for their owner's look-up: later ones queue behind them. */
  #waitingForOwner = 0;
  dropped = 0;

  constructor(options: StreamHubOptions) {
    this.#options = options;
    this.#window = new ReplayWindow(options.replayEvents);
    this.epoch = options.clock.now().toString(36);
    const { events } = options;
    const onAttempt = (e: { subscriptionId: string; deliveryId: string; attempt: Attempt }) =>
      this.#enqueue('delivery.attempted', e.subscriptionId, {
        deliveryId: e.deliveryId,
        attempt: {
          attemptNo: e.attempt.attemptNo,
          status: e.attempt.status,
          latencyMs: e.attempt.latencyMs,
          error: e.attempt.error,
        },
      });
    const onDead = (e: { subscriptionId: string; deliveryId: string }) =>
      this.#enqueue('delivery.dead', e.subscriptionId, { deliveryId: e.deliveryId });
    const onBlacklisted = (e: { subscriptionId: string; reason: string }) =>
      this.#enqueue('subscription.blacklisted', e.subscriptionId, { reason: e.reason });
    const onReactivated = (e: { subscriptionId: string }) =>
      this.#enqueue('subscription.reactivated', e.subscriptionId, {});
    const onExpired = (e: { subscriptionId: string }) =>
      this.#enqueue('subscription.expired', e.subscriptionId, {});
    events.on('delivery:attempted', onAttempt);
    events.on('delivery:dead', onDead);
    events.on('subscription:blacklisted', onBlacklisted);
    events.on('subscription:reactivated', onReactivated);
    events.on('subscription:expired', onExpired);
    this.#unsubscribe = () => {
      events.off('delivery:attempted', onAttempt);
      events.off('delivery:dead', onDead);
      events.off('subscription:blacklisted', onBlacklisted);
      events.off('subscription:reactivated', onReactivated);
      events.off('subscription:expired', onExpired);
    };
  }

  /** Resolves once every event emitted so far has reached the clients (tests wait on it). */
  settled(): Promise<void> {
    return this.#chain;
  }

  /** Bytes written to connected clients and not yet taken by their sockets, in all. */
  bufferedBytes(): number {
    let bytes = 0;
    for (const client of this.#clients) bytes += client.bufferedBytes();
    return bytes;
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  /** The events held for resume (never more than `replayEvents`). */
  get windowSize(): number {
    return this.#window.size;
  }

  /**
   * Adds a client; with `lastEventId`, first replays what it missed from the window. When that
   * id is unknown, from another process or older than the window, a `stream.reset` frame tells
   * the client it missed events (look them up with GET /v1/deliveries), then it goes live.
   */
  connect(client: StreamClient, lastEventId: string | undefined): () => void {
    if (lastEventId !== undefined) {
      const missed = this.#replayFrom(lastEventId);
      if (missed === null) client.write(this.#resetFrame());
      else for (const entry of missed) if (visible(entry, client.filter)) client.write(entry.frame);
    }
    this.#clients.add(client);
    return () => this.#clients.delete(client);
  }

  /** Stops listening and ends every client (server shutdown). */
  close(): void {
    this.#unsubscribe();
    for (const client of this.#clients) client.drop();
    this.#clients.clear();
  }

  #replayFrom(lastEventId: string): StreamEntry[] | null {
    const [epoch, seqText] = lastEventId.split('-');
    const seq = Number(seqText);
    if (epoch !== this.epoch || !Number.isInteger(seq) || seq < 0 || seq > this.#seq) return null;
    const first = this.#window.first();
    if (!first) return [];
    if (seq < this.#seq && seq < first.seq - 1) return null;
    // The window holds consecutive numbers, oldest first: what follows `seq` starts here.
    return this.#window.toArray(seq - first.seq + 1);
  }

  #resetFrame(): string {
    const data = {
      type: 'stream.reset',
      reason: 'events were missed: the id is unknown or older than the window',
    };
    return `id: ${this.epoch}-${this.#seq}\nevent: stream.reset\ndata: ${JSON.stringify(data)}\n\n`;
  }

  #enqueue(type: StreamEventType, subscriptionId: string, fields: Partial<StreamData>): void {
    const at = this.#options.clock.now();
    // Every attempt comes here, a client or not (the window is for resume): with the owner known
    // and nothing queued before it, the entry is added at once, not through the promise chain.
    const known = this.#owners.get(subscriptionId);
    if (known && this.#waitingForOwner === 0) {
      this.#append(type, subscriptionId, known, at, fields);
      return;
    }
    this.#waitingForOwner += 1;
    this.#chain = this.#chain.then(async () => {
      try {
        const owner = await this.#ownerOf(subscriptionId);
        if (owner) this.#append(type, subscriptionId, owner, at, fields); // else deleted meanwhile: nobody may see it
      } finally {
        this.#waitingForOwner -= 1;
      }
    });
  }

  #append(
    type: StreamEventType,
    subscriptionId: string,
    owner: Owner,
    at: number,
    fields: Partial<StreamData>,
  ): void {
    this.#seq += 1;
    const id = `${this.epoch}-${this.#seq}`;
    let frame: string | null = null;
    const entry: StreamEntry = {
      seq: this.#seq,
      type,
      subscriptionId,
      ...owner,
      // Serialised when a client first needs it (live or on resume), once however many do.
      get frame() {
        frame ??= streamFrame(id, { type, time: new Date(at).toISOString(), subscriptionId, ...fields });
        return frame;
      },
    };
    this.#window.push(entry);
    this.#fanOut(entry);
  }

  #fanOut(entry: StreamEntry): void {
    for (const client of this.#clients) {
      if (!visible(entry, client.filter)) continue;
      if (client.bufferedBytes() > this.#options.clientBufferBytes) {
        this.#clients.delete(client);
        this.dropped += 1;
        client.drop();
        continue;
      }
      client.write(entry.frame);
    }
  }

  async #ownerOf(subscriptionId: string): Promise<Owner | null> {
    const known = this.#owners.get(subscriptionId);
    if (known) return known;
    const subscription = await this.#options.store.getSubscription(subscriptionId).catch(() => null);
    if (!subscription) return null;
    if (this.#owners.size >= OWNER_CACHE_LIMIT) this.#owners.clear();
    const owner = { accountId: subscription.accountId, extensionId: subscription.extensionId };
    this.#owners.set(subscriptionId, owner);
    return owner;
  }
}

function visible(entry: StreamEntry, filter: StreamFilter): boolean {
  if (filter.accountId !== undefined && entry.accountId !== filter.accountId) return false;
  if (filter.extensionId !== undefined && entry.extensionId !== filter.extensionId) return false;
  return filter.subscriptionId === undefined || entry.subscriptionId === filter.subscriptionId;
}
