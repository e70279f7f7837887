import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a signed-in browser holds on the server: the token it proved, never the token itself. */
export interface DashboardSession {
  /** SHA-256 of the bearer token, as the store keeps it: revoking the token ends the session. */
  tokenHash: string;
  /** Sent by the page in `X-CSRF-Token` on every change; a cross-site form cannot know it. */
  csrfToken: string;
  expiresAt: number;
}

/** A session lasts this long after its last use, and never more than ABSOLUTE_MS after sign-in. */
export const IDLE_MS = 2 * 60 * 60 * 1000;
const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Bounded memory: past this many, the oldest session is forgotten (its browser signs in again). */
const MAX_SESSIONS = 10_000;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The dashboard's sign-in sessions, in this node's memory (docs/decisions.md "Dashboard"). The
 * cookie carries a random 256-bit session id; only its SHA-256 is kept here, so a heap dump does
 * not hand out live sessions. Sessions end on sign-out, when idle, at the absolute limit, on a
 * restart, or as soon as their token is revoked (checked on every request).
 *
 * @example
 * const { sessionId, session } = sessions.create(hashToken(bearer), now);
 * sessions.find(sessionId, now); // → the session, or null
 */
export class DashboardSessions {
  readonly #byIdHash = new Map<string, DashboardSession & { signedInAt: number }>();

  create(tokenHash: string, now: number): { sessionId: string; session: DashboardSession } {
    if (this.#byIdHash.size >= MAX_SESSIONS) {
      const oldest = this.#byIdHash.keys().next().value;
      if (oldest !== undefined) this.#byIdHash.delete(oldest);
    }
    const sessionId = randomBytes(32).toString('base64url');
    const session = {
      tokenHash,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: now + IDLE_MS,
      signedInAt: now,
    };
    this.#byIdHash.set(sha256(sessionId), session);
    return { sessionId, session };
  }

  /** The live session of a cookie value, its idle deadline pushed back; null when unknown or over. */
  find(sessionId: string, now: number): DashboardSession | null {
    const key = sha256(sessionId);
    const session = this.#byIdHash.get(key);
    if (!session) return null;
    if (now >= session.expiresAt) {
      this.#byIdHash.delete(key);
      return null;
    }
    session.expiresAt = Math.min(now + IDLE_MS, session.signedInAt + ABSOLUTE_MS);
    return session;
  }

  end(sessionId: string): void {
    this.#byIdHash.delete(sha256(sessionId));
  }
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(session: DashboardSession, header: unknown): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
