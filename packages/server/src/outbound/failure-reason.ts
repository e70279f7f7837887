import { STATUS_CODES } from 'node:http';

/**
 * Failure reasons in RingCentral's own wording, because users search for these exact strings
 * and `blacklistedData.reason` shows them (ringcentral-protocol.md §7.2, §7.4).
 */
const IO_FAILED = 'I/O operation is failed. Details: ';

/** TLS verification failures: OpenSSL's X509 codes plus Node's hostname check. */
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME|HOSTNAME_MISMATCH/;

const DETAILS_BY_CODE: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset',
  EPIPE: 'Connection reset',
  UND_ERR_SOCKET: 'Connection reset',
  ENOTFOUND: 'Unknown host',
  EAI_AGAIN: 'Unknown host',
  EAI_NONAME: 'Unknown host',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ETIMEDOUT: 'Read timed out',
  UND_ERR_HEADERS_TIMEOUT: 'Read timed out',
  UND_ERR_BODY_TIMEOUT: 'Read timed out',
  UND_ERR_CONNECT_TIMEOUT: 'Connect timed out',
};

/**
 * The reason for a response that was not 2xx, e.g. `Webhook responses with code: [500],
 * reason: [Internal Server Error]` (§7.4). The reason phrase is the standard one, not the
 * receiver's: HTTP/1.1 reason phrases are optional and may be anything.
 *
 * @example
 * reasonForStatus(404); // 'Webhook responses with code: [404], reason: [Not Found]'
 */
export function reasonForStatus(status: number): string {
  return `Webhook responses with code: [${status}], reason: [${STATUS_CODES[status] ?? 'Unknown'}]`;
}

/**
 * The reason for an attempt that got no usable response: timeouts, refused or reset
 * connections, unknown hosts, TLS failures, refused addresses (§7.2, §7.4).
 *
 * @example
 * reasonForError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
 * // 'I/O operation is failed. Details: [Connection refused]'
 */
export function reasonForError(err: unknown): string {
  return `${IO_FAILED}[${detailFor(err)}]`;
}

/**
 * RingCentral's reason for a response over its size limit (§7.2). Switchboard's delivery reads
 * bodies only up to a cap and does not fail on size (docs/decisions.md "Delivery"); kept so the
 * wording lives in one place.
 */
export function reasonForOversize(bytesRead: number): string {
  return `Webhook response exceeds max size. Read bytes count: [${bytesRead}]`;
}

function detailFor(err: unknown): string {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.name === 'TimeoutError') return 'Read timed out';
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) continue;
    if (code === 'ERR_SWITCHBOARD_ADDRESS_FORBIDDEN') return oneLine(e.message);
    const known = DETAILS_BY_CODE[code];
    if (known) return known;
    if (CERTIFICATE_CODE.test(code)) return `Certificate is not valid: ${code}`;
    if (code.startsWith('ERR_SSL_') || code === 'EPROTO') return `TLS handshake failed: ${code}`;
  }
  return err instanceof Error ? oneLine(err.message) || err.name : 'Unknown error';
}

/** Reasons end up in one-line logs and JSON; error messages from sockets may span lines. */
function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/**
 * The blacklisting reason when the failing run left no error of its own to show: RingCentral's
 * wording for a webhook it cannot reach (SUB-521).
 */
export const REASON_NOT_REACHABLE = 'Webhook is not reachable';
