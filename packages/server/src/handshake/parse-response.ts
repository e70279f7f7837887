/**
 * A strict, bounded HTTP/1.x response parser for the handshake. The handshake measures the
 * response byte for byte (at most 1024 bytes, status line and headers included,
 * ringcentral-protocol.md §4.3), which a full HTTP client hides; the input is never more than
 * 1025 bytes, so reparsing it on every chunk is cheap and keeps this stateless.
 */
export type ParsedResponse =
  | { kind: 'incomplete'; status: number | null; headers: Array<[name: string, value: string]> | null }
  | { kind: 'complete'; status: number; headers: Array<[name: string, value: string]>; size: number }
  | { kind: 'malformed'; status: number | null; detail: string };

const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: [^\r\n]*)?$/;
// RFC 9110 §5.1 token characters, then optional whitespace around the value.
const HEADER_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*?)[ \t]*$/;

/**
 * Parses what has been read so far. `eof` says the peer closed the connection, which completes a
 * response that has neither Content-Length nor chunked framing.
 *
 * @example
 * parseResponse(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'), false);
 * // { kind: 'complete', status: 200, headers: [['Content-Length', '0']], size: 38 }
 */
export function parseResponse(bytes: Buffer, eof: boolean): ParsedResponse {
  // latin1 maps bytes 1:1 to characters, so string offsets are byte offsets.
  const text = bytes.toString('latin1');
  if (!'HTTP/'.startsWith(text.slice(0, 5))) {
    return { kind: 'malformed', status: null, detail: 'the response does not start with HTTP/' };
  }
  const lineEnd = text.indexOf('\r\n');
  if (lineEnd === -1) return { kind: 'incomplete', status: null, headers: null };
  const statusMatch = STATUS_LINE.exec(text.slice(0, lineEnd));
  if (!statusMatch) return { kind: 'malformed', status: null, detail: 'the status line is not HTTP/1.x' };
  const status = Number(statusMatch[1]);
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd === -1) return { kind: 'incomplete', status, headers: null };

  const headers: Array<[string, string]> = [];
  const lines = headEnd === lineEnd ? [] : text.slice(lineEnd + 2, headEnd).split('\r\n');
  for (const line of lines) {
    const match = HEADER_LINE.exec(line);
    if (!match) return { kind: 'malformed', status, detail: 'a header line is malformed' };
    headers.push([match[1] ?? '', match[2] ?? '']);
  }

  const bodyStart = headEnd + 4;
  const bodyEnd = findBodyEnd(text, bodyStart, status, headers, eof);
  if (typeof bodyEnd === 'string') return { kind: 'malformed', status, detail: bodyEnd };
  if (bodyEnd === null) return { kind: 'incomplete', status, headers };
  return { kind: 'complete', status, headers, size: bodyEnd };
}

/** The offset where the message ends, null if not yet known, or a string saying what is wrong. */
function findBodyEnd(
  text: string,
  start: number,
  status: number,
  headers: Array<[string, string]>,
  eof: boolean,
): number | null | string {
  if (status < 200 || status === 204 || status === 304) return start;
  const transferEncoding = headerValues(headers, 'transfer-encoding');
  if (transferEncoding.length > 0) {
    // RFC 9112 §6.3: Transfer-Encoding overrides Content-Length; only chunked is delimited.
    if (!/(^|,)\s*chunked\s*$/i.test(transferEncoding.join(','))) return eof ? text.length : null;
    return findChunkedEnd(text, start);
  }
  const lengths = new Set(
    headerValues(headers, 'content-length').flatMap((v) => v.split(',').map((s) => s.trim())),
  );
  if (lengths.size > 1) return 'conflicting Content-Length headers';
  const [length] = lengths;
  if (length === undefined) return eof ? text.length : null;
  if (!/^\d+$/.test(length)) return 'Content-Length is not a number';
  const end = start + Number(length);
  return text.length >= end ? end : null;
}

function findChunkedEnd(text: string, start: number): number | null | string {
  let pos = start;
  for (;;) {
    const sizeEnd = text.indexOf('\r\n', pos);
    if (sizeEnd === -1) return null;
    const sizeText = (text.slice(pos, sizeEnd).split(';')[0] ?? '').trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) return 'a chunk size is not hexadecimal';
    const size = Number.parseInt(sizeText, 16);
    if (size === 0) {
      // Last chunk: an empty line, or trailer fields ending with one.
      if (text.startsWith('\r\n', sizeEnd + 2)) return sizeEnd + 4;
      const trailerEnd = text.indexOf('\r\n\r\n', sizeEnd + 2);
      return trailerEnd === -1 ? null : trailerEnd + 4;
    }
    const dataEnd = sizeEnd + 2 + size;
    if (text.length < dataEnd + 2) return null;
    if (text.slice(dataEnd, dataEnd + 2) !== '\r\n') return 'a chunk is longer than its size';
    pos = dataEnd + 2;
  }
}

/** Values of every header named `name` (case-insensitive). */
export function headerValues(headers: ReadonlyArray<[string, string]>, name: string): string[] {
  return headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
}
