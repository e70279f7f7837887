import { readFileSync } from 'node:fs';
import { ConfigError } from '../config.js';

/** Shorter than this is guessable; generated tokens are `sbt_` plus 43 characters. */
const MIN_LENGTH = 24;

/**
 * The admin token the operator gives, from `SWITCHBOARD_ADMIN_TOKEN` or from the file named by
 * `SWITCHBOARD_ADMIN_TOKEN_FILE` (a mounted secret), or null when neither is set. Kept out of the
 * configuration on purpose: the resolved configuration may be shown, a secret must never be.
 * Invalid values fail at start naming the variable, never showing the value.
 *
 * @example
 * givenAdminToken({ SWITCHBOARD_ADMIN_TOKEN_FILE: '/run/secrets/switchboard-admin' });
 */
export function givenAdminToken(env: NodeJS.ProcessEnv): string | null {
  const direct = env.SWITCHBOARD_ADMIN_TOKEN;
  const file = env.SWITCHBOARD_ADMIN_TOKEN_FILE;
  if (direct !== undefined && file !== undefined) {
    throw new ConfigError('Set SWITCHBOARD_ADMIN_TOKEN or SWITCHBOARD_ADMIN_TOKEN_FILE, not both');
  }
  if (direct !== undefined) return checked(direct.trim(), 'SWITCHBOARD_ADMIN_TOKEN');
  if (file === undefined) return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `Cannot read SWITCHBOARD_ADMIN_TOKEN_FILE ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  return checked(text.trim(), `the file ${file} (SWITCHBOARD_ADMIN_TOKEN_FILE)`);
}

function checked(token: string, origin: string): string {
  if (token.length < MIN_LENGTH || /\s/.test(token)) {
    throw new ConfigError(
      `The admin token from ${origin} must be at least ${MIN_LENGTH} characters without spaces`,
    );
  }
  return token;
}
