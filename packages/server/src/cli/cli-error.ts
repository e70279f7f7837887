import { EXIT, type ExitCode } from './exit-codes.js';

/** An error the CLI reports in one message (no stack trace) and turns into an exit code. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** A next step for the user, printed under the message. */
    readonly hint?: string,
  ) {
    super(message);
  }

  /** The JSON printed on stderr with --json. */
  toJson(): Record<string, unknown> {
    return {
      error: { message: this.message, exitCode: this.exitCode, ...(this.hint ? { hint: this.hint } : {}) },
    };
  }
}

/** Wrong flags, arguments or configuration: exit 2. */
export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string, hint?: string) {
    super(message, EXIT.usage, hint);
  }
}

/** The server is not running, not at that address, or did not answer in time: exit 3. */
export class UnreachableError extends CliError {
  override name = 'UnreachableError';
  constructor(message: string, hint?: string) {
    super(message, EXIT.unreachable, hint);
  }
}

/** The user stopped the command (Ctrl-C) while it waited for the server. */
export class InterruptedError extends CliError {
  override name = 'InterruptedError';
  constructor() {
    super('Interrupted', EXIT.interrupted);
  }
}

/** The server answered with an error in RingCentral's shape (ringcentral-protocol.md §3.7): exit 1. */
export class ServerError extends CliError {
  override name = 'ServerError';
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly serverMessage: string,
    readonly body: unknown,
    hint?: string,
    /** From the answer's Retry-After (429, 503), in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${errorCode} ${serverMessage} (HTTP ${status})`, EXIT.serverError, hint);
  }

  override toJson(): Record<string, unknown> {
    const body = typeof this.body === 'object' && this.body !== null ? this.body : {};
    return {
      error: { status: this.status, errorCode: this.errorCode, message: this.serverMessage, ...body },
    };
  }
}
