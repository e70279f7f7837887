import type { DedupeStore } from './dedupe/dedupe-store.js';
import { MemoryDedupeStore } from './dedupe/memory-dedupe-store.js';
import { decodeSecret } from './protocol/signature.js';
import { DEFAULT_SIGNATURE_TOLERANCE_SECONDS } from './verify-signature.js';

/** 1 MiB: RingCentral's largest bodies (detailed presence with 7 calls) are a few KiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** How `receive()` checks and dedupes requests. Every option is optional. */
export interface ReceiveOptions {
  /**
   * The subscription's `deliveryMode.verificationToken` (ringcentral-protocol.md §5.2). When set,
   * every request, the handshake included, must carry a `Verification-Token` header equal to
   * one of these values (several: rotation).
   */
  verificationToken?: string | readonly string[] | undefined;
  /**
   * Standard Webhooks signing secrets (`whsec_…`), e.g. Switchboard's `deliveryMode.signingSecret`.
   * A signature made with any of them passes (rotation). Needs the raw body bytes.
   */
  signingSecret?: string | readonly string[] | undefined;
  /**
   * Refuse requests without signature headers. Default: `true` when `signingSecret` is set,
   * since a check an attacker can skip by dropping a header is no check. Set `false` while
   * migrating: signed requests are verified, unsigned ones pass.
   */
  requireSignature?: boolean | undefined;
  /** How far `webhook-timestamp` may be from now, in seconds. Default 300 (Standard Webhooks). */
  signatureToleranceSeconds?: number | undefined;
  /** Larger bodies are refused with 413 without being read in full. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /**
   * Where seen notification uuids are remembered; `false` turns duplicate detection off.
   * Default: a `MemoryDedupeStore` of 10 000 uuids, one per options object.
   */
  dedupe?: DedupeStore | false | undefined;
  /** The clock, Unix milliseconds; inject one in tests. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** `ReceiveOptions` checked once, with defaults applied. */
export interface ResolvedReceiveOptions {
  readonly verificationTokens: readonly string[];
  readonly signingSecrets: readonly string[];
  readonly requireSignature: boolean;
  readonly signatureToleranceSeconds: number;
  readonly maxBodyBytes: number;
  readonly dedupe: DedupeStore | null;
  readonly now: () => number;
}

// One resolution per options object: the default dedupe memory lives as long as the options do.
const resolved = new WeakMap<ReceiveOptions, ResolvedReceiveOptions>();

/**
 * Checks `options` once and caches the result for this object, so invalid configuration fails
 * at the first request or when a handler is created, with a message naming the option.
 *
 * @throws TypeError for an invalid option. Messages never include a token or secret.
 */
export function resolveReceiveOptions(options: ReceiveOptions): ResolvedReceiveOptions {
  let result = resolved.get(options);
  if (!result) {
    result = Object.freeze(resolve(options));
    resolved.set(options, result);
  }
  return result;
}

function resolve(options: ReceiveOptions): ResolvedReceiveOptions {
  const signingSecrets = checkSecrets(options.signingSecret);
  const requireSignature = options.requireSignature ?? signingSecrets.length > 0;
  if (requireSignature && signingSecrets.length === 0) {
    throw new TypeError('requireSignature is true but no signingSecret is configured');
  }
  return {
    verificationTokens: nonEmptyStrings('verificationToken', options.verificationToken),
    signingSecrets,
    requireSignature,
    signatureToleranceSeconds: checkNumber(
      'signatureToleranceSeconds',
      options.signatureToleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
      0,
    ),
    maxBodyBytes: checkNumber('maxBodyBytes', options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 1),
    dedupe: options.dedupe === false ? null : (options.dedupe ?? new MemoryDedupeStore()),
    now: options.now ?? Date.now,
  };
}

function checkSecrets(value: string | readonly string[] | undefined): readonly string[] {
  const secrets = nonEmptyStrings('signingSecret', value);
  secrets.forEach((secret, index) => {
    try {
      decodeSecret(secret);
    } catch {
      throw new TypeError(`signingSecret[${index}] is not a whsec_ secret (base64 after the whsec_ prefix)`);
    }
  });
  return secrets;
}

function nonEmptyStrings(name: string, value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  const values = typeof value === 'string' ? [value] : [...value];
  if (values.length === 0 || values.some((item) => typeof item !== 'string' || item === '')) {
    throw new TypeError(`${name} must be a non-empty string or a non-empty array of them`);
  }
  return Object.freeze(values);
}

function checkNumber(name: string, value: number, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum) {
    throw new TypeError(`${name} must be an integer of at least ${minimum}`);
  }
  return value;
}
