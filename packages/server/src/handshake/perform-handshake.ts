import { randomUUID } from 'node:crypto';
import { MAX_RESPONSE_BYTES } from '@switchboard/receiver';
import type { HttpTlsOptions } from '../outbound/http-pools.js';
import { checkAddressSyntax, type UrlGuardOptions } from '../outbound/url-guard.js';
import { buildHandshakeRequest } from './build-handshake-request.js';
import { classifyHandshake, type HandshakeVerdict } from './classify-handshake.js';
import { exchangeRaw } from './exchange-raw.js';
import type { HandshakeFailureCode } from './handshake-failure-code.js';
import { parseResponse } from './parse-response.js';

export interface HandshakeRequest {
  address: string;
  /** Sent as `Verification-Token` when set; never appears in a result. */
  verificationToken: string | null;
  /** Signs the handshake Standard Webhooks style when set; never appears in a result. */
  signingSecret: string | null;
  /** The whole exchange, connect to last byte; 3000 ms in RingCentral's rules (§4.3). */
  timeoutMs: number;
  allowHttp: boolean;
  guard: UrlGuardOptions;
  tls?: HttpTlsOptions;
}

export type HandshakeResult =
  | { ok: true; latencyMs: number }
  | { ok: false; code: HandshakeFailureCode; detail: string; latencyMs: number };

/**
 * Proves that an address wants webhooks (docs/decisions.md "Handshake", ringcentral-protocol.md
 * §4): POSTs an empty request with a fresh `Validation-Token` and passes when the answer is
 * status 200, echoes that exact token, is at most 1024 bytes in all, and arrives within
 * `timeoutMs`. Redirects are not followed. Never throws for anything the receiver does.
 *
 * @example
 * const result = await performHandshake({ address: 'https://example.com/hook', verificationToken: null,
 *   signingSecret: null, timeoutMs: 3000, allowHttp: false, guard: { allowHttp: false, allowPrivate: false } });
 * if (!result.ok) throw new ApiError(result.code, {}, { detail: result.detail });
 */
export async function performHandshake(
  req: HandshakeRequest,
  random: () => string = randomUUID,
): Promise<HandshakeResult> {
  const started = performance.now();
  const result = (verdict: HandshakeVerdict): HandshakeResult => ({
    ...verdict,
    latencyMs: Math.round(performance.now() - started),
  });

  const syntax = checkAddressSyntax(req.address, { allowHttp: req.allowHttp });
  if (!syntax.ok) {
    const code = syntax.code === 'SUB-523' ? 'SUB-523' : 'SUB-521';
    return result({ ok: false, code, detail: `address ${syntax.detail}` });
  }
  // A new token every time: an echo of an old one must not pass (§4.5).
  const validationToken = random();
  const request = await buildHandshakeRequest({
    url: syntax.url,
    validationToken,
    verificationToken: req.verificationToken,
    signingSecret: req.signingSecret,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  const exchange = await exchangeRaw({
    url: syntax.url,
    request,
    timeoutMs: req.timeoutMs,
    limit: MAX_RESPONSE_BYTES,
    guard: req.guard,
    ...(req.tls && { tls: req.tls }),
    isDone: answerIsDecided,
  });
  return result(
    classifyHandshake(exchange, {
      validationToken,
      verificationToken: req.verificationToken,
      timeoutMs: req.timeoutMs,
      limit: MAX_RESPONSE_BYTES,
    }),
  );
}

/** Stop reading once the verdict cannot change: a full answer, garbage, or a non-200 status with its headers. */
function answerIsDecided(bytes: Buffer, eof: boolean): boolean {
  const parsed = parseResponse(bytes, eof);
  if (parsed.kind !== 'incomplete') return true;
  return parsed.status !== null && parsed.status !== 200 && parsed.headers !== null;
}
