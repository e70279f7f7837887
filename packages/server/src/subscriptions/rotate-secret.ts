import { generateSecret } from '@switchboard/receiver';
import type { AppContext } from '../context.js';
import type { Subscription } from '../model.js';
import { notFound } from '../not-found.js';

/**
 * Replaces the signing secret. The old one keeps signing — as a second `webhook-signature` — for
 * `secretRotationOverlapMs`, so receivers can switch without losing a notification (Standard
 * Webhooks rotation); secrets already past their overlap are dropped. Returns the new secret and
 * until when the previous one still signs (null when there was none).
 */
export async function rotateSecret(
  ctx: AppContext,
  subscription: Subscription,
): Promise<{ signingSecret: string; previousSecretValidUntil: number | null }> {
  const now = ctx.clock.now();
  const until = now + ctx.config.secretRotationOverlapMs;
  const kept = subscription.signingSecrets
    .filter((s) => s.expiresAt === null || s.expiresAt > now)
    .map((s) => (s.expiresAt === null ? { secret: s.secret, expiresAt: until } : s));
  const signingSecret = generateSecret();
  const updated = await ctx.store.updateSubscription(subscription.id, {
    updatedAt: now,
    signingSecrets: [{ secret: signingSecret, expiresAt: null }, ...kept],
  });
  if (!updated) throw notFound('subscriptionId');
  const hadCurrent = subscription.signingSecrets.some((s) => s.expiresAt === null);
  return { signingSecret, previousSecretValidUntil: hadCurrent ? until : null };
}
