import { hideSecret } from '../outbound/hide-secret.js';
import type { RawExchange } from './exchange-raw.js';
import type { HandshakeFailureCode } from './handshake-failure-code.js';
import { headerValues, parseResponse } from './parse-response.js';

export type HandshakeVerdict = { ok: true } | { ok: false; code: HandshakeFailureCode; detail: string };

export interface HandshakeExpectation {
  validationToken: string;
  /** Only to recognise a receiver that echoes the wrong header; never printed. */
  verificationToken: string | null;
  timeoutMs: number;
  /** The largest acceptable response, status line and headers included (§4.3). */
  limit: number;
}

/** Codes whose TLS failure is the connection, not the certificate or the TLS setup. */
const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

/**
 * Maps what happened on the wire to pass or a SUB-52x code (ringcentral-protocol.md §4.4,
 * docs/decisions.md "Handshake"). A non-200 status decides first, since it is the most useful
 * thing to tell a user whose receiver answered a large error page. Details say what was measured
 * and never contain the verification token.
 *
 * @example
 * classifyHandshake(exchange, { validationToken, verificationToken: null, timeoutMs: 3000, limit: 1024 });
 * // { ok: false, code: 'SUB-520', detail: 'expected the Validation-Token echoed, got header missing' }
 */
export function classifyHandshake(ex: RawExchange, expect: HandshakeExpectation): HandshakeVerdict {
  const waited = `${expect.timeoutMs} ms (waited ${ex.elapsedMs} ms)`;
  if (ex.phase === 'connect') {
    if (ex.end === 'timeout') return fail('SUB-521', `could not connect within ${waited}`);
    if (errorCode(ex.error) === 'ERR_SWITCHBOARD_ADDRESS_FORBIDDEN') {
      return fail('SUB-521', `address refused: ${ex.error?.message}`);
    }
    return fail('SUB-521', `could not connect (${errorCode(ex.error) ?? 'connection closed'})`);
  }
  if (ex.phase === 'tls') {
    const code = errorCode(ex.error);
    if (ex.end === 'timeout') return fail('SUB-521', `TLS handshake not complete within ${waited}`);
    if (code === undefined || CONNECTION_CODES.has(code)) {
      return fail('SUB-521', `connection closed during the TLS handshake (${code ?? 'closed'})`);
    }
    return fail('SUB-524', `TLS handshake failed: ${code} (${tlsReason(ex.error)})`);
  }

  const eof = ex.end === 'done' || ex.end === 'closed';
  const parsed = parseResponse(ex.bytes, eof);
  const read = ex.bytes.length;
  if (parsed.status !== null && parsed.status !== 200) {
    const headers = parsed.kind === 'malformed' ? null : parsed.headers;
    return statusFailure(parsed.status, headers, expect);
  }
  if (ex.end === 'limit') {
    return fail('SUB-525', `response too large: read ${read} bytes, limit ${expect.limit}`);
  }
  if (parsed.kind === 'malformed') return fail('SUB-525', `malformed response: ${parsed.detail}`);
  if (parsed.kind === 'incomplete') {
    if (ex.end === 'timeout') {
      return read === 0
        ? fail('SUB-521', `no response within ${waited}`)
        : fail('SUB-521', `response not complete within ${waited}, read ${read} bytes`);
    }
    const code = errorCode(ex.error);
    const cause = code === undefined ? '' : ` (${code})`;
    return read === 0
      ? fail('SUB-521', `connection closed without a response${cause}`)
      : fail('SUB-525', `connection closed before the response was complete${cause}, read ${read} bytes`);
  }
  if (parsed.size > expect.limit) {
    return fail('SUB-525', `response too large: read ${parsed.size} bytes, limit ${expect.limit}`);
  }
  return checkEcho(headerValues(parsed.headers, 'validation-token'), expect);
}

function checkEcho(echoed: string[], expect: HandshakeExpectation): HandshakeVerdict {
  const [value] = echoed;
  if (echoed.length === 1 && value === expect.validationToken) return { ok: true };
  let got: string;
  if (value === undefined) got = 'header missing';
  else if (echoed.length > 1) got = `${echoed.length} headers`;
  else if (value === '') got = 'an empty value';
  else if (value === expect.verificationToken) got = 'the Verification-Token value instead';
  else got = 'a different value';
  return fail('SUB-520', `expected the Validation-Token echoed, got ${got}`);
}

function statusFailure(
  status: number,
  headers: Array<[string, string]> | null,
  expect: HandshakeExpectation,
): HandshakeVerdict {
  if (status < 300 || status >= 400) return fail('SUB-521', `status ${status}`);
  const location = headers ? headerValues(headers, 'location')[0] : undefined;
  // The Location is the receiver's, but a reflecting receiver could echo our secret into it.
  const shown =
    location === undefined ? '' : ` (Location: ${redact(location, expect.verificationToken).slice(0, 120)})`;
  return fail('SUB-521', `status ${status}: redirects are not followed${shown}`);
}

function redact(text: string, secret: string | null): string {
  return hideSecret(text, secret, '…');
}

/** OpenSSL's short reason ("wrong version number"), not its file and line noise. */
function tlsReason(err: Error | null): string {
  const reason =
    (err as { reason?: unknown } | null)?.reason ??
    /SSL routines:[^:]*:([^:]+):/.exec(err?.message ?? '')?.[1];
  if (typeof reason !== 'string') return (err?.message ?? 'unknown').split('\n')[0]?.slice(0, 160) ?? '';
  return reason === 'wrong version number' ? `${reason}: is the port serving plain HTTP?` : reason;
}

function errorCode(err: Error | null): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

function fail(code: HandshakeFailureCode, detail: string): HandshakeVerdict {
  return { ok: false, code, detail };
}
