import type { AppContext } from '../context.js';
import { probeBlacklisted } from './probe-blacklisted.js';
import { sendReminders } from './send-reminders.js';

export interface TickReport {
  expired: number;
  purged: number;
  reminders: number;
  probed: number;
  reactivated: number;
  backlogExpired: number;
  pruned: number;
}

/**
 * The background jobs: expiry, renewal reminders, blacklist probes, backlog expiry and retention.
 * Each job claims its rows in the store, so running the scheduler on every node is safe.
 * `tick()` runs them all once on the injected clock: tests call it instead of waiting.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: AppContext) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running = this.tick().catch((err) => this.ctx.logger.error({ err }, 'scheduler tick failed'));
    }, this.ctx.config.schedulerIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  async tick(): Promise<TickReport> {
    const { store, clock, config, index, events } = this.ctx;
    const expiredSubs = await store.expireSubscriptions(clock.now());
    for (const s of expiredSubs) {
      index.remove(s.id);
      events.emit('subscription:expired', { subscriptionId: s.id });
    }
    const purged = await store.purgeExpiredSubscriptions(clock.now() - config.expiredRetentionMs);
    const reminders = await sendReminders(this.ctx);
    const { probed, reactivated } = await probeBlacklisted(this.ctx);
    const backlogExpired = await store.expireBacklog(clock.now() - config.backlogRetentionMs, clock.now());
    const pruned = await store.pruneDelivered(clock.now() - config.deliveredRetentionMs);
    return { expired: expiredSubs.length, purged, reminders, probed, reactivated, backlogExpired, pruned };
  }
}
