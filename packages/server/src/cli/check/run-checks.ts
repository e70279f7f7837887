import { checkHandshake } from './check-handshake.js';
import { checkNotifications } from './check-notifications.js';
import type { CheckOptions, CheckResult } from './check-result.js';
import { checkTls } from './check-tls.js';

/** The whole verdict on one receiver: every rule's result, and whether any failed. */
export interface CheckReport {
  url: string;
  mode: CheckOptions['mode'];
  passed: boolean;
  results: CheckResult[];
}

/**
 * Runs RingCentral's rules against a receiver, in the order a subscription meets them: TLS, the
 * handshake, then notifications (docs/cli.md "check"). Never throws for anything the receiver
 * does; `passed` is false when any rule failed.
 *
 * @example
 * const report = await runChecks({ url: new URL('http://127.0.0.1:3000/webhook'), mode: 'switchboard',
 *   verificationToken: 'my-token', signingSecret: null, ca: null, timeoutMs: 3000 });
 */
export async function runChecks(options: CheckOptions): Promise<CheckReport> {
  const results = await checkTls(options);
  const handshake = await checkHandshake(options);
  results.push(...handshake.results);
  if (handshake.reachable) results.push(...(await checkNotifications(options)));
  return {
    url: options.url.toString(),
    mode: options.mode,
    passed: results.every((r) => r.outcome !== 'fail'),
    results,
  };
}
