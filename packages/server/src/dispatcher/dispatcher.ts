import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Attempt } from '../model.js';
import type { HttpPools } from '../outbound/http-pools.js';
import type { Random } from '../random.js';
import type { ServerEvents } from '../server-events.js';
import type { AttemptResult, ClaimedDelivery, DeliveryNext, PublishLease, Store } from '../store/store.js';
import { applyHealth } from '../subscriptions/apply-health.js';
import { buildNotification } from './build-notification.js';
import { notificationHeaders } from './notification-headers.js';
import { redactSecret } from './redact-secret.js';
import { nextRetryDelay } from './retry-schedule.js';
import { type SendOutcome, type SendRequest, sendNotification } from './send-notification.js';

export type Send = (pools: HttpPools, request: SendRequest) => Promise<SendOutcome>;

export interface DispatcherDeps {
  store: Store;
  clock: Clock;
  random: Random;
  config: Readonly<Config>;
  pools: HttpPools;
  events: ServerEvents;
  logger: Logger;
  send?: Send;
}

/**
 * A publish's reservation on this node's dispatcher: `lease` goes to `store.publish`, and `settle`
 * gets what the commit leased to this node (nothing when the publish failed).
 */
export interface DeliveryOffer {
  lease: PublishLease;
  settle(claimed: ClaimedDelivery[]): void;
}

/**
 * Sends deliveries and records the outcomes in batches. Deliveries reach it two ways: straight
 * from a publish on this node (`offer`: committed already leased, never read back), and by
 * claiming due rows under a lease (retries, backlogs, other nodes' publishes, restarts).
 *
 * Isolation (DESIGN.md): at most `perSubscriptionConcurrency` requests per subscription,
 * `maxInFlight` in all and `connectionsPerOrigin` per origin; each subscription holds at most a
 * bounded buffer here, so a slow receiver holds back only its own deliveries. Leases of what this
 * node holds are extended while it holds them, so a long queue never lets another node (or a
 * claim of this one) send them again.
 *
 * Claims run only when they can find something: after a poll interval, a wake-up (deliveries
 * queued or requeued elsewhere) or a publish this node could not take whole, and when a
 * subscription whose rows the last claim left behind runs low. A claim with nothing to find still
 * scans the due index, and claiming after every finished request was half the server's CPU.
 */
export class Dispatcher {
  private readonly send: Send;
  private running = false;
  private stopped = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private readonly inFlight = new Map<string, number>();
  private readonly waiting = new Map<string, ClaimedDelivery[]>();
  /** Deliveries reserved by publishes not yet committed, per subscription. */
  private readonly reserved = new Map<string, number>();
  private reservedTotal = 0;
  /** Ids of the deliveries this node holds, queued or in flight: their leases are kept alive. */
  private readonly held = new Set<string>();
  private readonly tasks = new Set<Promise<void>>();
  private inFlightTotal = 0;
  /** The table may hold due deliveries of any subscription: claim even if all held ones have enough. */
  private dirty = true;
  /** The last claim came back full: the next subscription to run low claims again. */
  private lastFull = false;
  /** A claim was wanted while the node-wide buffer was full: claim once a batch of room is free. */
  private roomWanted = false;
  /** Subscriptions the last claims left rows of (a full share, or excluded as saturated). */
  private readonly more = new Set<string>();
  private readonly perSubscriptionBuffer: number;
  private readonly bufferTotal: number;
  /** A subscription holding this many has enough: a claim leaves it out and takes at most this many. */
  private readonly share: number;
  /** A subscription down to this many claims again, if the table may hold more of it. */
  private readonly lowWater: number;
  /** The least room worth a claim. */
  private readonly minClaim: number;
  private leaseTimer: NodeJS.Timeout | null = null;
  private buffer: AttemptResult[] = [];
  /** Subscriptions whose receiver answered 410 Gone since the last flush, with the reason. */
  private readonly gone = new Map<string, string>();
  private flushing: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: DispatcherDeps) {
    this.send = deps.send ?? sendNotification;
    const { perSubscriptionConcurrency, maxInFlight, claimBatchSize } = deps.config;
    this.perSubscriptionBuffer = Math.max(perSubscriptionConcurrency * 16, 2);
    this.bufferTotal = Math.max(maxInFlight * 8, claimBatchSize);
    this.share = Math.floor(this.perSubscriptionBuffer / 2);
    this.lowWater = Math.floor(this.perSubscriptionBuffer / 4);
    this.minClaim = Math.min(claimBatchSize, this.bufferTotal / 4);
  }

  /** Starts the claim loop and the lease keeper on real timers. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = false;
    this.loopDone = this.loop();
    const every = Math.max(Math.floor(this.deps.config.leaseMs / 3), 50);
    this.leaseTimer = setInterval(() => void this.keepLeases(), every);
    this.leaseTimer.unref();
  }

  /** Deliveries were queued or requeued (here or on another node): claim now, not at the next poll. */
  wake(): void {
    this.dirty = true;
    this.nudge();
  }

  /**
   * A reservation for one publish, or null when this node takes nothing now (not running, or
   * `maxInFlight` 0). Call `settle` exactly once, with `[]` when the publish failed.
   */
  offer(): DeliveryOffer | null {
    if (!this.running || this.deps.config.maxInFlight === 0) return null;
    const taken = new Map<string, number>();
    const declined = new Set<string>();
    return {
      lease: {
        until: this.deps.clock.now() + this.deps.config.leaseMs,
        take: (subscriptionId) => {
          const full =
            this.held.size + this.reservedTotal >= this.bufferTotal ||
            this.holding(subscriptionId) >= this.perSubscriptionBuffer;
          if (full) {
            declined.add(subscriptionId);
            return false;
          }
          taken.set(subscriptionId, (taken.get(subscriptionId) ?? 0) + 1);
          this.reserve(subscriptionId, 1);
          return true;
        },
      },
      settle: (claimed) => {
        for (const [id, n] of taken) this.reserve(id, -n);
        taken.clear();
        this.accept(claimed);
        // What it could not take waits in the table: claim it when its subscription runs low,
        // or now if it already is (the node-wide buffer was what was full).
        for (const id of declined) {
          this.more.add(id);
          if (this.holding(id) < this.share) this.nudge();
        }
      },
    };
  }

  /**
   * Stops claiming, lets in-flight attempts finish (each bounded by the delivery timeout),
   * records them and gives back held deliveries that never started: nothing is lost.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    this.leaseTimer = null;
    this.nudge();
    await this.loopDone;
    const unstarted = [...this.waiting.values()].flat().map((c) => c.delivery.id);
    this.waiting.clear();
    for (const id of unstarted) this.held.delete(id);
    await Promise.allSettled([...this.tasks]);
    await this.flush();
    if (unstarted.length > 0) await this.deps.store.releaseClaims(unstarted);
  }

  /** One claim, every claimed delivery attempted, every outcome recorded. For tests and tools. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim();
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
    await this.flush();
    return claimed;
  }

  private async loop(): Promise<void> {
    const { logger, config } = this.deps;
    while (this.running) {
      let full = false;
      try {
        full = (await this.claim()) > 0 && this.lastFull && this.room() > 0;
      } catch (err) {
        logger.error({ err }, 'claiming deliveries failed; retrying after the poll interval');
      }
      if (this.running && !full && (await this.idle(config.pollIntervalMs))) this.dirty = true;
    }
  }

  private nudge(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Waits for a nudge or `ms`; true when the time ran out (then the table is polled). */
  private idle(ms: number): Promise<boolean> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(true), ms);
      timer.unref();
      const done = (timedOut: boolean) => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.woken = false;
        resolve(timedOut);
      };
      this.wakeUp = () => done(false);
    });
  }

  /** Deliveries of one subscription held here: in flight, queued, or reserved by a publish. */
  private holding(subscriptionId: string): number {
    return (
      (this.inFlight.get(subscriptionId) ?? 0) +
      (this.waiting.get(subscriptionId)?.length ?? 0) +
      (this.reserved.get(subscriptionId) ?? 0)
    );
  }

  private room(): number {
    return this.bufferTotal - this.held.size - this.reservedTotal;
  }

  private claimLimit(): number {
    return Math.min(this.room(), this.deps.config.claimBatchSize);
  }

  private reserve(subscriptionId: string, n: number): void {
    const left = (this.reserved.get(subscriptionId) ?? 0) + n;
    if (left === 0) this.reserved.delete(subscriptionId);
    else this.reserved.set(subscriptionId, left);
    this.reservedTotal += n;
  }

  private async claim(): Promise<number> {
    const { config, store, clock } = this.deps;
    if (config.maxInFlight === 0) return 0;
    const limit = this.claimLimit();
    this.roomWanted = limit < this.minClaim;
    if (this.roomWanted) return 0;
    // A subscription holding half its buffer has enough: its rows stay for the next claim.
    const share = this.share;
    const excluded: string[] = [];
    const holders = new Set([...this.inFlight.keys(), ...this.waiting.keys(), ...this.reserved.keys()]);
    for (const id of holders) if (this.holding(id) >= share) excluded.push(id);
    // Every subscription it could find was just left out: a scan would read the whole backlog to
    // come back empty. Only a poll or a wake-up (work of subscriptions not held here) makes it worth it.
    if (!this.dirty && excluded.length > 0 && excluded.length === holders.size) return 0;
    this.dirty = false;
    this.more.clear();
    const claims = await store.claimDue({
      now: clock.now(),
      limit,
      leaseMs: config.leaseMs,
      perSubscription: share,
      excludeSubscriptionIds: excluded,
    });
    const perSubscription = new Map<string, number>();
    for (const c of claims) {
      const id = c.subscription.id;
      perSubscription.set(id, (perSubscription.get(id) ?? 0) + 1);
    }
    // What this claim may have left behind: everything if it came back full, else the rows of
    // subscriptions that got a full share or were left out.
    this.lastFull = claims.length >= limit;
    for (const [id, n] of perSubscription) if (n >= share) this.more.add(id);
    for (const id of excluded) this.more.add(id);
    this.accept(claims);
    return claims.length;
  }

  /** Takes leased deliveries into the per-subscription queues and starts what the caps allow. */
  private accept(claims: ClaimedDelivery[]): void {
    if (claims.length === 0) return;
    if (this.stopped) {
      // A publish committed while this node stopped: give them back for the next claim.
      void this.deps.store
        .releaseClaims(claims.map((c) => c.delivery.id))
        .catch((err) =>
          this.deps.logger.warn({ err }, 'giving back deliveries failed; their leases run out'),
        );
      return;
    }
    const touched = new Set<string>();
    for (const claim of claims) {
      const id = claim.delivery.id;
      if (this.held.has(id)) continue; // already here: its lease had lapsed and this claim renewed it
      this.held.add(id);
      const queue = this.waiting.get(claim.subscription.id) ?? [];
      queue.push(claim);
      this.waiting.set(claim.subscription.id, queue);
      touched.add(claim.subscription.id);
    }
    for (const id of touched) this.pump(id);
  }

  /** Starts queued deliveries of one subscription while its cap and the node's allow. */
  private pump(subscriptionId: string): boolean {
    const { perSubscriptionConcurrency, maxInFlight } = this.deps.config;
    const queue = this.waiting.get(subscriptionId);
    while (queue && queue.length > 0) {
      if (this.inFlightTotal >= maxInFlight) return false;
      if ((this.inFlight.get(subscriptionId) ?? 0) >= perSubscriptionConcurrency) break;
      const claim = queue.shift() as ClaimedDelivery;
      this.inFlight.set(subscriptionId, (this.inFlight.get(subscriptionId) ?? 0) + 1);
      this.inFlightTotal += 1;
      const task = this.attempt(claim).finally(() => {
        this.tasks.delete(task);
        this.finished(subscriptionId, claim.delivery.id);
      });
      this.tasks.add(task);
    }
    if (queue && queue.length === 0) this.waiting.delete(subscriptionId);
    return true;
  }

  private finished(subscriptionId: string, deliveryId: string): void {
    this.held.delete(deliveryId);
    this.inFlightTotal -= 1;
    const left = (this.inFlight.get(subscriptionId) ?? 1) - 1;
    if (left === 0) this.inFlight.delete(subscriptionId);
    else this.inFlight.set(subscriptionId, left);
    if (this.stopped) return; // stop() gives back what is still queued
    // Its own queue first, then any subscription the node-wide cap held back.
    if (this.pump(subscriptionId) && this.inFlightTotal < this.deps.config.maxInFlight) {
      for (const id of this.waiting.keys()) if (id !== subscriptionId && !this.pump(id)) break;
    }
    // Claim again when this subscription runs low and the table may hold more of it: one claim
    // per buffer-full of deliveries, not one per finished request.
    const low = this.holding(subscriptionId) <= this.lowWater;
    if (low && (this.dirty || this.lastFull || this.more.has(subscriptionId))) this.nudge();
    else if (this.roomWanted && this.claimLimit() >= this.minClaim) this.nudge();
  }

  /** Gives back a blacklisted subscription's queued deliveries: they wait in the table for its return. */
  private async giveBack(subscriptionId: string): Promise<void> {
    const queue = this.waiting.get(subscriptionId) ?? [];
    this.waiting.delete(subscriptionId);
    this.more.delete(subscriptionId);
    const ids = queue.map((c) => c.delivery.id);
    for (const id of ids) this.held.delete(id);
    if (ids.length > 0) await this.deps.store.releaseClaims(ids);
  }

  /** Extends the leases of everything held here, so none runs out while it waits its turn. */
  private async keepLeases(): Promise<void> {
    if (this.held.size === 0) return;
    const { store, clock, config, logger } = this.deps;
    try {
      await store.extendLeases([...this.held], clock.now() + config.leaseMs);
    } catch (err) {
      logger.warn({ err }, 'extending leases failed; a delivery whose lease runs out may be sent twice');
    }
  }

  private async attempt(claim: ClaimedDelivery): Promise<void> {
    const { config, clock, logger } = this.deps;
    const startedAt = clock.now();
    let outcome: SendOutcome;
    try {
      const body = buildNotification(claim);
      const headers = notificationHeaders({
        uuid: claim.delivery.uuid,
        body,
        verificationToken: claim.subscription.verificationToken,
        signingSecrets: claim.subscription.signingSecrets,
        nowMs: startedAt,
      });
      outcome = await this.send(this.deps.pools, {
        address: claim.subscription.address,
        headers,
        body,
        timeoutMs: config.deliveryTimeoutMs,
        maxResponseBytes: config.responseSnippetBytes,
      });
    } catch (err) {
      logger.error({ err, deliveryId: claim.delivery.id }, 'sending a notification failed unexpectedly');
      outcome = {
        status: null,
        latencyMs: 0,
        ok: false,
        gone: false,
        error: `I/O operation is failed. Details: [${(err as Error).message}]`,
        responseSnippet: null,
        retryAfterMs: null,
      };
    }
    this.record(claim, startedAt, outcome);
  }

  private record(claim: ClaimedDelivery, startedAt: number, outcome: SendOutcome): void {
    const { config, random, events } = this.deps;
    const attempt: Attempt = {
      deliveryId: claim.delivery.id,
      attemptNo: claim.delivery.attempts + 1,
      startedAt,
      latencyMs: Math.round(outcome.latencyMs),
      status: outcome.status,
      error: outcome.ok ? null : outcome.error,
      // A receiver may reflect the request: its body is shown by the API, the token must not be.
      responseSnippet:
        outcome.responseSnippet === null
          ? null
          : redactSecret(outcome.responseSnippet, claim.subscription.verificationToken),
    };
    let next: DeliveryNext = { state: 'delivered' };
    if (!outcome.ok) {
      const delay = nextRetryDelay({
        retryStep: claim.delivery.retryStep + 1,
        schedule: config.retryScheduleMs,
        jitter: config.retryJitter,
        random: () => random.float(),
        retryAfterMs: outcome.retryAfterMs,
      });
      next = delay === null ? { state: 'dead' } : { state: 'pending', nextAttemptAt: startedAt + delay };
    }
    const ids = { subscriptionId: claim.subscription.id, deliveryId: claim.delivery.id };
    events.emit('delivery:attempted', { ...ids, attempt });
    if (outcome.ok) events.emit('delivery:succeeded', { ...ids, attempt });
    if (next.state === 'dead') events.emit('delivery:dead', ids);
    this.buffer.push({
      attempt,
      next,
      subscriptionId: claim.subscription.id,
      outcome: outcome.ok ? 'success' : 'failure',
    });
    if (outcome.gone)
      this.gone.set(
        claim.subscription.id,
        attempt.error ?? 'Webhook responses with code: [410], reason: [Gone]',
      );
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.buffer.length >= 200) {
      void this.flush();
      return;
    }
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => void this.flush(), this.deps.config.attemptFlushMs);
    this.flushTimer.unref();
  }

  /** Writes buffered outcomes in one transaction, then acts on the subscriptions' health. */
  private flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.flushing = this.flushing.then(async () => {
      if (this.buffer.length === 0) return;
      const batch = this.buffer;
      this.buffer = [];
      const gone = new Map(this.gone);
      this.gone.clear();
      try {
        const health = await this.deps.store.recordAttempts(batch);
        await applyHealth(this.deps, { health, attempts: batch, goneReasons: gone }, (id) =>
          this.giveBack(id),
        );
      } catch (err) {
        // The leases run out and the deliveries are attempted again: at-least-once, never lost.
        this.deps.logger.error(
          { err, attempts: batch.length },
          'recording attempts failed; they will be retried',
        );
      }
    });
    return this.flushing;
  }
}
