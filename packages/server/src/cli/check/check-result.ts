/**
 * How one rule came out: `fail` breaks the receiver (exit 1); `warn` works here but not
 * everywhere (RingCentral, production); `unverifiable` cannot be seen from outside the receiver.
 */
export type Outcome = 'pass' | 'fail' | 'warn' | 'unverifiable' | 'info';

/** One line of `switchboard check`'s report. */
export interface CheckResult {
  /** A stable id for scripts, e.g. `handshake.echo`. */
  rule: string;
  outcome: Outcome;
  /** What was seen and, when it is not a pass, what to do. */
  message: string;
}

/** Whose delivery rules apply: Switchboard's (retries, any response size) or RingCentral's. */
export type CheckMode = 'switchboard' | 'strict';

export interface CheckOptions {
  url: URL;
  mode: CheckMode;
  /** The token the receiver expects; without it the token rules are unverifiable. */
  verificationToken: string | null;
  /** Signs each request Standard Webhooks style, for receivers that require signatures. */
  signingSecret: string | null;
  /** Trusted roots for https, besides the system's (`--ca`). */
  ca: string | null;
  /** RingCentral's 3 s, for the handshake and for each notification. */
  timeoutMs: number;
}
