import type { SubscriptionHealth } from '../store/store.js';

/**
 * RingCentral blacklists a webhook that keeps failing for about ten minutes (protocol §7.4,
 * Forum-1173). We require both the time window and a minimum run of failures, so one slow
 * retry spread over ten minutes does not trip it (docs/decisions.md "Blacklisting").
 */
export function shouldBlacklist(
  health: SubscriptionHealth,
  now: number,
  rules: { blacklistAfterMs: number; blacklistMinFailures: number },
): boolean {
  return (
    health.status === 'Active' &&
    health.failingSince !== null &&
    health.consecutiveFailures >= rules.blacklistMinFailures &&
    now - health.failingSince >= rules.blacklistAfterMs
  );
}
