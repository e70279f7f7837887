import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

/** The dashboard's session cookie. `__Host-` would force Secure, which plain-http development lacks. */
export const SESSION_COOKIE = 'switchboard_session';

/** The session id the request's Cookie header carries, if any. */
export function readSessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

/**
 * `Set-Cookie` for a session: HttpOnly (page scripts cannot read it), SameSite=Strict (no other
 * site's page sends it), Secure whenever the server is reached over https. `Path=/` because the
 * page calls the /v1 API with it.
 */
export function sessionCookie(
  sessionId: string,
  maxAgeSeconds: number,
  request: FastifyRequest,
  config: Readonly<Config>,
): string {
  const secure = request.protocol === 'https' || (config.publicUrl ?? '').startsWith('https:');
  return [
    `${SESSION_COOKIE}=${sessionId}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
