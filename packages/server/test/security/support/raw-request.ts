import { connect } from 'node:net';

export interface RawAnswer {
  /** The whole answer as received, latin1. */
  text: string;
  status: number | null;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes `bytes` to 127.0.0.1:`port` as they are — no HTTP client in between to fix them up — and
 * reads until the server closes or `waitMs` pass with the answer's body complete.
 */
export function rawRequest(port: number, bytes: Buffer | string, waitMs = 2000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parse(Buffer.concat(chunks).toString('latin1')));
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const answer = parse(Buffer.concat(chunks).toString('latin1'));
      const length = Number(answer.headers['content-length'] ?? Number.NaN);
      if (answer.status !== null && Buffer.byteLength(answer.body, 'latin1') === length) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? finish() : reject(err)));
    socket.write(bytes);
  });
}

function parse(text: string): RawAnswer {
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    text,
    status: status === undefined ? null : Number(status),
    headers,
    body: end === -1 ? '' : text.slice(end + 4),
  };
}
