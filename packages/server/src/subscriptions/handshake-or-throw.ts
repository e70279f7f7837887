import type { AppContext } from '../context.js';
import { ApiError } from '../errors.js';

/**
 * Runs the validation handshake (§4) and turns a failure into its SUB-52x answer, with what was
 * measured in the message (PRODUCT-DECISIONS.md "Handshake").
 */
export async function handshakeOrThrow(
  ctx: AppContext,
  target: { address: string; verificationToken: string | null; signingSecret: string | null },
): Promise<void> {
  const result = await ctx.handshake(target);
  if (!result.ok) throw new ApiError(result.code, {}, { detail: result.detail });
}
