import { createHash } from 'node:crypto';

/**
 * What the store keeps of a bearer token: its SHA-256, hex (docs/decisions.md "Identity and
 * tokens"). Tokens carry 256 bits of entropy, so a plain fast hash is enough: nothing to brute-force.
 *
 * @example
 * await store.createToken({ ...token, hash: hashToken('sbt_…') });
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
