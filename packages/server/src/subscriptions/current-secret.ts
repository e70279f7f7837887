import type { Subscription } from '../model.js';

/** The secret that signs from now on (expiresAt null); older ones only add a second signature. */
export function currentSecret(subscription: Pick<Subscription, 'signingSecrets'>): string | null {
  return subscription.signingSecrets.find((s) => s.expiresAt === null)?.secret ?? null;
}
