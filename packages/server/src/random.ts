import { randomBytes, randomUUID } from 'node:crypto';

/** Randomness, injected so tests can pin ids and jitter. */
export interface Random {
  uuid(): string;
  /** A uniform float in [0, 1). */
  float(): number;
  /** URL-safe random string with `bytes` bytes of entropy. */
  token(bytes: number): string;
}

export const systemRandom: Random = {
  uuid: () => randomUUID(),
  float: () => Math.random(),
  token: (bytes) => randomBytes(bytes).toString('base64url'),
};
