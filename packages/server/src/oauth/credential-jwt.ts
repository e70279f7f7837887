import { errors, jwtVerify, SignJWT } from 'jose';
import type { JwtCredential } from './oauth-model.js';

/** `iss` and `aud` of every credential Switchboard signs: the token endpoint checks both. */
export const CREDENTIAL_ISSUER = 'switchboard';
export const CREDENTIAL_AUDIENCE = 'switchboard:/restapi/oauth/token';

/**
 * Signs a JWT credential (RingCentral's "JWT auth flow" credential, issued by Switchboard): the
 * `jti` names the stored credential, so revoking the row ends the JWT; `sub` is the extension and
 * `account_id` its account. It carries no expiry unless asked, as RingCentral's JWTs may not.
 *
 * @example
 * const jwt = await signCredential(key, credential, clock.now());
 */
export async function signCredential(
  key: Uint8Array,
  credential: JwtCredential,
  now: number,
  expiresAt?: number,
): Promise<string> {
  const jwt = new SignJWT({ account_id: credential.accountId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(CREDENTIAL_ISSUER)
    .setAudience(CREDENTIAL_AUDIENCE)
    .setSubject(credential.extensionId)
    .setJti(credential.id)
    .setIssuedAt(Math.floor(now / 1000));
  if (expiresAt !== undefined) jwt.setExpirationTime(Math.floor(expiresAt / 1000));
  return jwt.sign(key);
}

/** What a valid credential JWT says, or why it is not valid (never the JWT itself). */
export type CredentialCheck = { ok: true; credentialId: string } | { ok: false; reason: string };

/** Verifies signature, issuer, audience and expiry at `now` (the injected clock). */
export async function verifyCredential(key: Uint8Array, jwt: string, now: number): Promise<CredentialCheck> {
  try {
    const { payload } = await jwtVerify(jwt, key, {
      algorithms: ['HS256'],
      issuer: CREDENTIAL_ISSUER,
      audience: CREDENTIAL_AUDIENCE,
      currentDate: new Date(now),
    });
    if (typeof payload.jti !== 'string') return { ok: false, reason: 'the JWT has no jti' };
    return { ok: true, credentialId: payload.jti };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'the JWT has expired' };
    if (error instanceof errors.JOSEError)
      return { ok: false, reason: 'the JWT is not one this server signed' };
    throw error;
  }
}
