import type { AppContext } from '../context.js';
import { currentSecret } from '../subscriptions/current-secret.js';
import { reactivateSubscription } from '../subscriptions/reactivate-subscription.js';

/**
 * Recovery (docs/decisions.md "Delivery", our addition to RingCentral): a blacklisted subscription
 * is probed with a handshake every probe interval; when it passes, the subscription is Active
 * again and its queued backlog drains, at the dispatcher's per-subscription concurrency.
 */
export async function probeBlacklisted(ctx: AppContext): Promise<{ probed: number; reactivated: number }> {
  const now = ctx.clock.now();
  const due = await ctx.store.claimProbes(now, now + ctx.config.probeIntervalMs);
  let reactivated = 0;
  for (const subscription of due) {
    const result = await ctx.handshake({
      address: subscription.address,
      verificationToken: subscription.verificationToken,
      signingSecret: currentSecret(subscription),
    });
    if (!result.ok) {
      ctx.logger.info(
        { subscriptionId: subscription.id, code: result.code, detail: result.detail },
        'probe failed; still blacklisted',
      );
      continue;
    }
    if (await reactivateSubscription(ctx, subscription.id, { updatedAt: ctx.clock.now() })) reactivated += 1;
  }
  return { probed: due.length, reactivated };
}
