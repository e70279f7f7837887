import type { AppContext } from '../context.js';
import { ApiError } from '../errors.js';
import { addressOrigin } from '../outbound/address-origin.js';

/**
 * Runs the validation handshake (docs/ringcentral-protocol.md §4) and turns a failure into its
 * SUB-52x answer, with what was measured in the message (docs/decisions.md); the failure is
 * reported as a server event.
 */
export async function handshakeOrThrow(
  ctx: AppContext,
  target: { address: string; verificationToken: string | null; signingSecret: string | null },
): Promise<void> {
  const result = await ctx.handshake(target);
  if (!result.ok) {
    const { code, detail } = result;
    ctx.events.emit('subscription:handshake-failed', { origin: addressOrigin(target.address), code, detail });
    throw new ApiError(code, {}, { detail });
  }
}
