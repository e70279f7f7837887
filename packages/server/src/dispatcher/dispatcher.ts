import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Attempt } from '../model.js';
import type { Random } from '../random.js';
import type { ServerEvents } from '../server-events.js';
import type {
  AttemptResult,
  ClaimedDelivery,
  DeliveryNext,
  Store,
  SubscriptionHealth,
} from '../store/store.js';
import { buildNotification } from './build-notification.js';
import type { HttpPools } from './http-pools.js';
import { notificationHeaders } from './notification-headers.js';
import { redactSecret } from './redact-secret.js';
import { nextRetryDelay } from './retry-schedule.js';
import { type SendOutcome, type SendRequest, sendNotification } from './send-notification.js';
import { shouldBlacklist } from './subscription-health.js';

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
 * Claims due deliveries under a lease, POSTs them, and records the outcomes in batches.
 *
 * Isolation (DESIGN.md): at most `perSubscriptionConcurrency` requests per subscription and
 * `connectionsPerOrigin` per origin are in flight; a subscription at its cap is excluded from the
 * next claim, so a slow receiver holds back only its own deliveries.
 */
export class Dispatcher {
  private readonly send: Send;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private readonly inFlight = new Map<string, number>();
  private readonly waiting = new Map<string, ClaimedDelivery[]>();
  private readonly tasks = new Set<Promise<void>>();
  private inFlightTotal = 0;
  private buffer: AttemptResult[] = [];
  /** Subscriptions whose receiver answered 410 Gone since the last flush, with the reason. */
  private readonly gone = new Map<string, string>();
  private flushing: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: DispatcherDeps) {
    this.send = deps.send ?? sendNotification;
  }

  /** Starts the claim loop on real timers. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** New deliveries were committed: claim now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * Stops claiming, lets in-flight attempts finish (each bounded by the delivery timeout),
   * records them and gives back claimed deliveries that never started: nothing is lost.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
    const unstarted = [...this.waiting.values()].flat().map((c) => c.delivery.id);
    this.waiting.clear();
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
      let claimed = 0;
      try {
        claimed = await this.claim();
      } catch (err) {
        logger.error({ err }, 'claiming deliveries failed; retrying after the poll interval');
      }
      const full = this.inFlightTotal >= config.maxInFlight;
      if (this.running && (claimed === 0 || full)) await this.idle(config.pollIntervalMs);
    }
  }

  private idle(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = null;
        self.woken = false;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async claim(): Promise<number> {
    const { config, store, clock } = this.deps;
    const capacity = config.maxInFlight - this.inFlightTotal;
    if (capacity <= 0) return 0;
    const excluded: string[] = [];
    for (const [id, n] of this.inFlight) if (n >= config.perSubscriptionConcurrency) excluded.push(id);
    const claims = await store.claimDue({
      now: clock.now(),
      limit: Math.min(capacity, config.claimBatchSize),
      leaseMs: config.leaseMs,
      // Claim ahead of the concurrency cap: the extra wait in this node's queue, so one busy
      // subscription does not cost a claim transaction per few deliveries.
      perSubscription: config.perSubscriptionConcurrency * 4,
      excludeSubscriptionIds: excluded,
    });
    for (const c of claims) this.enqueue(c);
    return claims.length;
  }

  private enqueue(claim: ClaimedDelivery): void {
    const id = claim.subscription.id;
    if ((this.inFlight.get(id) ?? 0) >= this.deps.config.perSubscriptionConcurrency) {
      const queue = this.waiting.get(id) ?? [];
      queue.push(claim);
      this.waiting.set(id, queue);
      return;
    }
    this.inFlight.set(id, (this.inFlight.get(id) ?? 0) + 1);
    this.inFlightTotal += 1;
    const task = this.attempt(claim).finally(() => {
      this.tasks.delete(task);
      this.finished(id);
    });
    this.tasks.add(task);
  }

  private finished(subscriptionId: string): void {
    this.inFlightTotal -= 1;
    const left = (this.inFlight.get(subscriptionId) ?? 1) - 1;
    if (left === 0) this.inFlight.delete(subscriptionId);
    else this.inFlight.set(subscriptionId, left);
    const queue = this.waiting.get(subscriptionId);
    const next = queue?.shift();
    if (queue && queue.length === 0) this.waiting.delete(subscriptionId);
    if (next && this.running) this.enqueue(next);
    else if (next) void this.deps.store.releaseClaims([next.delivery.id]);
    // Claim again only when this subscription's local queue ran dry: one claim transaction per
    // queue-full of deliveries, not one per finished request.
    else this.wake();
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
        await this.applyHealth(health, batch, gone);
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

  private async applyHealth(health: SubscriptionHealth[], batch: AttemptResult[], gone: Map<string, string>) {
    const { store, clock, config, events } = this.deps;
    const now = clock.now();
    const lastError = new Map<string, string>();
    for (const r of batch) if (r.attempt.error) lastError.set(r.subscriptionId, r.attempt.error);
    for (const h of health) {
      const goneReason = gone.get(h.subscriptionId);
      if (h.status !== 'Active') continue;
      if (!goneReason && !shouldBlacklist(h, now, config)) continue;
      const reason = goneReason ?? lastError.get(h.subscriptionId) ?? 'Webhook is not reachable';
      await store.updateSubscription(h.subscriptionId, {
        status: 'Blacklisted',
        blacklistedAt: now,
        blacklistedReason: reason,
        // 410: the receiver asked us to stop, so it is not probed (PRODUCT-DECISIONS "Delivery").
        probeEnabled: !goneReason,
        nextProbeAt: goneReason ? null : now + config.probeIntervalMs,
        updatedAt: now,
      });
      events.emit('subscription:blacklisted', { subscriptionId: h.subscriptionId, reason });
    }
  }
}
