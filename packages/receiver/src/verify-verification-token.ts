import { timingSafeEqual } from './protocol/signature.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/**
 * Checks the `Verification-Token` header against the accepted tokens (ringcentral-protocol.md
 * §5.2: the subscription's `deliveryMode.verificationToken`, sent on the handshake and every
 * notification). Several accepted tokens allow rotation without downtime. Every token is
 * compared in constant time, and all of them are compared, so timing reveals nothing.
 *
 * @throws WebhookVerificationError `missing_verification_token` or `invalid_verification_token`.
 */
export function verifyVerificationToken(received: string | undefined, accepted: readonly string[]): void {
  if (received === undefined || received === '') {
    throw new WebhookVerificationError(
      'missing_verification_token',
      'The request has no Verification-Token header, but a verificationToken is configured. ' +
        'Create the subscription with deliveryMode.verificationToken set to the same value.',
    );
  }
  let matched = false;
  for (const token of accepted) matched = timingSafeEqual(received, token) || matched;
  if (!matched) {
    throw new WebhookVerificationError(
      'invalid_verification_token',
      'The Verification-Token header matches none of the configured verificationToken values. ' +
        "Check that the receiver's verificationToken equals the subscription's deliveryMode.verificationToken.",
    );
  }
}
