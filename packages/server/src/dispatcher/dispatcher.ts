import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { reasonForStatus } from '../outbound/failure-reason.js';
import type { HttpPools } from '../outbound/http-pools.js';
import type { Random } from '../random.js';
import type { ServerEvents } from '../server-events.js';
import type { ClaimedDelivery, PublishLease, Store } from '../store/store.js';
import { applyHealth } from '../subscriptions/apply-health.js';
import { AttemptRecorder } from './attempt-recorder.js';
import { attemptResult } from './attempt-result.js';
import { BackingOffBacklog } from './backing-off-backlog.js';
import { ClaimPolicy } from './claim-policy.js';
import { deliveryRequestOf } from './delivery-request.js';
import { type DeliverySender, inlineSender } from './delivery-sender.js';
import { LeaseKeeper } from './lease-keeper.js';
import { LocalQueue } from './local-queue.js';
import { originOf } from './origin-of.js';
import { ReceiverBackoff, receiverVerdict } from './receiver-backoff.js';
import type { Send } from './send-delivery.js';
import { sendNotification } from './send-notification.js';

export type { Send } from './send-delivery.js';

export interface DispatcherDeps {
  store: Store;
  clock: Clock;
  random: Random;
  config: Readonly<Config>;
  pools: HttpPools;
  events: ServerEvents;
  logger: Logger;
  /** Sends on this thread through `pools`; ignored when `sender` is given. */
  send?: Send;
  /** Where attempts are sent from (`SenderThreads`); default this thread (`inlineSender`). */
  sender?: DeliverySender;
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
 * Isolation (docs/architecture.md "Guarantees", docs/reliability.md "Fair delivery"): at most
 * `perSubscriptionConcurrency` requests per subscription, `maxInFlight` in all and
 * `connectionsPerOrigin` per origin, counted here so no request waits inside the HTTP client
 * holding a slot; freed slots go in fair order across accounts and subscriptions; a receiver
 * that stops answering is backed off as a whole (`ReceiverBackoff`); each subscription holds at
 * most a bounded buffer here and the node a bounded number of body bytes (`LocalQueue`).
 * Leases of what this node holds are extended while it holds them (`LeaseKeeper`), so a long
 * queue never lets another node (or a claim of this one) send them again. When a claim is worth
 * its scan is `ClaimPolicy`'s call; `AttemptRecorder` writes the outcomes.
 */
export class Dispatcher {
  private readonly sender: DeliverySender;
  private readonly queue: LocalQueue;
  private readonly policy: ClaimPolicy;
  private readonly recorder: AttemptRecorder;
  private readonly leaseKeeper: LeaseKeeper;
  private readonly backoff: ReceiverBackoff;
  private readonly backingOff: BackingOffBacklog;
  private running = false;
  private stopped = false;
  private loopDone: Promise<void> = Promise.resolve();
  /** Ends the loop's idle wait early; set only while it waits. */
  private endIdleWait: (() => void) | null = null;
  /** A claim was asked for while the loop was busy: it skips its next wait. */
  private claimRequested = false;
  /** Ordered deliveries attempted and not yet recorded: once they are, the next of their keys is due. */
  private readonly orderedUnrecorded = new Set<string>();

  constructor(private readonly deps: DispatcherDeps) {
    const { config } = deps;
    this.sender = deps.sender ?? inlineSender(deps.send ?? sendNotification, deps.pools, deps.logger);
    this.backoff = new ReceiverBackoff(config.retryScheduleMs);
    this.queue = new LocalQueue(
      config,
      deps.clock,
      this.backoff,
      (claim, body) => this.attempt(claim, body),
      (subscriptionId) => this.afterAttempt(subscriptionId),
    );
    this.policy = new ClaimPolicy(this.queue, config.claimBatchSize);
    this.backingOff = new BackingOffBacklog(deps, this.queue, this.policy, () => this.wake());
    this.recorder = new AttemptRecorder({
      ...deps,
      attemptFlushMs: config.attemptFlushMs,
      attemptBatchMs: config.attemptBatchMs,
      afterRecorded: async (batch) => {
        await applyHealth(deps, batch, (id) => this.giveBack(id));
        // A key is free once its delivery is recorded (docs/ordering.md): claim its next now, unless
        // the subscription holds enough (it claims when low; a claim leaving it out reads all due rows).
        let claimNow = false;
        for (const r of batch.attempts)
          if (this.orderedUnrecorded.delete(r.attempt.deliveryId))
            claimNow = this.policy.declined(r.subscriptionId) || claimNow;
        if (claimNow) this.requestClaim();
      },
    });
    this.leaseKeeper = new LeaseKeeper(deps, () => this.queue.heldIds());
  }

  /** Starts the claim loop and the lease keeper on real timers. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = false;
    this.sender.start?.();
    this.loopDone = this.loop();
    this.leaseKeeper.start();
  }

  /** Deliveries were queued or requeued (here or on another node): claim now, not at the next poll. */
  wake(): void {
    this.policy.tableChanged();
    this.requestClaim();
  }

  /** A reservation for one publish, or null (not running, `maxInFlight` 0); `settle` it once, `[]` if it failed. */
  offer(): DeliveryOffer | null {
    if (!this.running || this.deps.config.maxInFlight === 0) return null;
    const taken = new Map<string, number>();
    const declined = new Set<string>();
    const take = (subscriptionId: string): boolean => {
      if (this.queue.isFull(subscriptionId) || this.policy.waitsInTable(subscriptionId)) {
        declined.add(subscriptionId);
        return false;
      }
      taken.set(subscriptionId, (taken.get(subscriptionId) ?? 0) + 1);
      this.queue.reserve(subscriptionId, 1);
      return true;
    };
    const settle = (claimed: ClaimedDelivery[]): void => {
      for (const [subscriptionId, count] of taken) this.queue.reserve(subscriptionId, -count);
      taken.clear();
      this.accept(claimed);
      // What it could not take waits in the table for a claim (put off while it backs off).
      const { backingOff } = this.queue;
      const now = this.deps.clock.now();
      for (const id of declined)
        if (this.policy.declined(id) && !backingOff.waitsOutBackoff(id, now)) this.requestClaim();
    };
    const notBefore = (subscriptionId: string) => this.backingOff.putOffUntil(subscriptionId);
    return { lease: { until: this.deps.clock.now() + this.deps.config.leaseMs, take, notBefore }, settle };
  }

  /** Stops claiming, lets attempts in flight finish (timeout-bounded), records them, gives the rest back. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
    this.leaseKeeper.stop();
    this.requestClaim();
    await this.loopDone;
    const unstarted = this.queue.takeAllQueued();
    await this.queue.attemptsFinished();
    await this.recorder.flush();
    if (unstarted.length > 0) await this.deps.store.releaseClaims(unstarted);
  }

  /** One claim, every claimed delivery attempted, every outcome recorded. For tests and tools. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim();
    while (this.queue.hasAttemptsRunning) await this.queue.attemptsFinished();
    await this.recorder.flush();
    return claimed;
  }

  private async loop(): Promise<void> {
    const { logger, config } = this.deps;
    while (this.running) {
      let claimAgainNow = false;
      try {
        claimAgainNow = (await this.claim()) > 0 && this.policy.claimAgainNow();
      } catch (err) {
        logger.error({ err }, 'claiming deliveries failed; retrying after the poll interval');
      }
      if (this.running && !claimAgainNow && (await this.idle(config.pollIntervalMs))) {
        this.policy.tableChanged();
      }
    }
  }

  private requestClaim(): void {
    this.claimRequested = true;
    this.endIdleWait?.();
  }

  /** Waits for a claim request or `ms`; true when the time ran out (then the table is polled). */
  private idle(ms: number): Promise<boolean> {
    if (this.claimRequested) {
      this.claimRequested = false;
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(true), ms);
      timer.unref();
      const done = (timedOut: boolean) => {
        clearTimeout(timer);
        this.endIdleWait = null;
        this.claimRequested = false;
        resolve(timedOut);
      };
      this.endIdleWait = () => done(false);
    });
  }

  private async claim(): Promise<number> {
    const { config, store, clock } = this.deps;
    if (config.maxInFlight === 0) return 0;
    const options = this.policy.nextClaim(clock.now(), config.leaseMs);
    // Back-off rounds end with time, not with an attempt: give waiting probes their turn.
    this.queue.startWhatFits();
    if (options === null) return 0;
    const claims = await store.claimDue(options);
    this.policy.claimed(claims, options);
    this.accept(claims);
    return claims.length;
  }

  /** Takes leased deliveries into the local queue, or gives them back once stopping. */
  private accept(claims: ClaimedDelivery[]): void {
    if (claims.length === 0) return;
    if (!this.stopped) {
      this.queue.enqueue(claims);
      for (const subscriptionId of new Set(claims.map((claim) => claim.subscription.id)))
        this.backingOff.failed(subscriptionId);
      return;
    }
    // A publish committed while this node stopped: give them back for the next claim.
    void this.deps.store
      .releaseClaims(claims.map((claim) => claim.delivery.id))
      .catch((err) => this.deps.logger.warn({ err }, 'giving back deliveries failed; their leases run out'));
  }

  private async attempt(claim: ClaimedDelivery, body: Buffer): Promise<void> {
    const startedAt = this.deps.clock.now();
    const outcome = await this.sender.send(deliveryRequestOf(claim, startedAt, this.deps.config), body);
    if (outcome === null) {
      // Lost with a sender thread before its outcome was known: sent again, as after a crash.
      await this.giveBackUnrecorded(claim.delivery.id);
      return;
    }
    const verdict = receiverVerdict(outcome);
    // A failed ordered delivery holds its own key only: the store keeps it at the head while it
    // retries (docs/ordering.md). Backing the whole subscription off would make every other key
    // wait for one stuck key.
    const holdsOnlyItsKey =
      claim.delivery.orderingKey != null && (verdict === 'unavailable' || verdict === 'unreachable');
    if (!holdsOnlyItsKey) {
      this.backoff.record(
        claim.subscription.id,
        originOf(claim.subscription.address),
        claim.delivery.id,
        verdict,
        this.deps.clock.now(),
      );
    }
    this.backingOff.attempted(claim.subscription.id, verdict);
    const result = attemptResult(claim, startedAt, outcome, this.deps);
    const goneReason = outcome.gone ? (result.attempt.error ?? reasonForStatus(410)) : null;
    const freesKey = claim.delivery.orderingKey != null;
    if (freesKey) this.orderedUnrecorded.add(claim.delivery.id);
    this.recorder.add(result, goneReason, freesKey);
  }

  private afterAttempt(subscriptionId: string): void {
    if (this.stopped) return; // stop() gives back what is still queued
    this.queue.startNext(subscriptionId);
    if (this.policy.claimAfterAttempt(subscriptionId)) this.requestClaim();
  }

  private async giveBackUnrecorded(deliveryId: string): Promise<void> {
    try {
      await this.deps.store.releaseClaims([deliveryId]);
      this.wake();
    } catch (err) {
      this.deps.logger.warn({ err, deliveryId }, 'giving back a delivery failed; its lease runs out');
    }
  }

  /** Gives back a blacklisted subscription's queued deliveries: they wait in the table for its return. */
  private async giveBack(subscriptionId: string): Promise<void> {
    const ids = this.queue.takeQueued(subscriptionId);
    this.policy.forget(subscriptionId);
    this.backoff.forget(subscriptionId);
    this.backingOff.forget(subscriptionId);
    if (ids.length > 0) await this.deps.store.releaseClaims(ids);
  }
}
