import type { AppContext } from '../context.js';
import { makeBacklogDue } from '../subscriptions/make-backlog-due.js';

/**
 * Recovery (PRODUCT-DECISIONS "Delivery", our addition to RingCentral): a blacklisted subscription
 * is probed with a handshake every probe interval; when it passes, the subscription is Active
 * again and its queued backlog drains, at the dispatcher's per-subscription concurrency.
 */
export async function probeBlacklisted(ctx: AppContext): Promise<{ probed: number; reactivated: number }> {
  const now = ctx.clock.now();
  const due = await ctx.store.claimProbes(now, now + ctx.config.probeIntervalMs);
  let reactivated = 0;
  for (const s of due) {
    const current = s.signingSecrets.find((x) => x.expiresAt === null)?.secret ?? null;
    const result = await ctx.handshake({
      address: s.address,
      verificationToken: s.verificationToken,
      signingSecret: current,
    });
    if (!result.ok) {
      ctx.logger.info(
        { subscriptionId: s.id, code: result.code, detail: result.detail },
        'probe failed; still blacklisted',
      );
      continue;
    }
    await ctx.store.updateSubscription(s.id, {
      status: 'Active',
      blacklistedAt: null,
      blacklistedReason: null,
      nextProbeAt: null,
      failingSince: null,
      consecutiveFailures: 0,
      updatedAt: ctx.clock.now(),
    });
    await makeBacklogDue(ctx.store, s.id, ctx.clock.now());
    reactivated += 1;
    ctx.events.emit('subscription:reactivated', { subscriptionId: s.id });
  }
  if (reactivated > 0) ctx.wakeDispatcher();
  return { probed: due.length, reactivated };
}
