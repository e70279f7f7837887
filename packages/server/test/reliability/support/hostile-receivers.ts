import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Socket } from 'node:net';
import { listen } from '../../http/support/listen.js';
import { selfSignedCert } from '../../http/support/self-signed-cert.js';

/** One misbehaving receiver: where it listens and what it counted. */
export interface HostileReceiver {
  name: string;
  url: string;
  /** Requests (or connections, for the raw-socket ones) it got. */
  hits: () => number;
  /** Bytes of response it managed to write, for the ones that write a lot. */
  bytesWritten: () => number;
  close(): Promise<void>;
}

const HUNDRED_MB = 100 * 1024 * 1024;

/** Reads a request's head on a raw socket, then hands the socket to `then`. */
function afterRequestHead(then: (socket: Socket) => void) {
  return (socket: Socket) => {
    let head = '';
    socket.on('error', () => {});
    socket.on('data', function onData(chunk: Buffer) {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.resume();
      then(socket);
    });
  };
}

async function raw(
  name: string,
  then: (socket: Socket) => void,
  cleanup = () => {},
): Promise<HostileReceiver> {
  let hits = 0;
  const handle = afterRequestHead(then);
  const server = createNetServer((socket) => {
    hits++;
    handle(socket);
  });
  const { port, close } = await listen(server);
  return {
    name,
    url: `http://127.0.0.1:${port}/hook`,
    hits: () => hits,
    bytesWritten: () => 0,
    close: async () => {
      cleanup();
      await close();
    },
  };
}

async function http(
  name: string,
  handler: (req: IncomingMessage, res: ServerResponse, count: (bytes: number) => void) => void,
  options: { tls?: { key: string; cert: string } } = {},
): Promise<HostileReceiver> {
  let hits = 0;
  let written = 0;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    hits++;
    req.resume();
    req.on('end', () =>
      handler(req, res, (bytes) => {
        written += bytes;
      }),
    );
  };
  const server = options.tls ? createHttpsServer(options.tls, onRequest) : createServer(onRequest);
  server.on('clientError', (_err, socket) => socket.destroy());
  const { port, close } = await listen(server);
  return {
    name,
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/hook`,
    hits: () => hits,
    bytesWritten: () => written,
    close,
  };
}

/**
 * The hostile receivers of docs/reliability.md, each on 127.0.0.1: never answers; answers one byte per
 * second; a 100 MB response; endless redirects; a Content-Length longer, and one shorter, than
 * the body; a certificate that does not verify; a reset connection.
 */
export async function startHostileReceivers(): Promise<HostileReceiver[]> {
  const timers = new Set<NodeJS.Timeout>();
  const tls = await selfSignedCert('IP:127.0.0.1,DNS:localhost');
  return Promise.all([
    raw('never answers', () => {}),
    raw(
      'one byte per second',
      (socket) => {
        const answer = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
        let i = 0;
        const timer = setInterval(() => {
          if (socket.destroyed || i >= answer.length) {
            clearInterval(timer);
            timers.delete(timer);
            return;
          }
          socket.write(answer.subarray(i, ++i));
        }, 1000);
        timers.add(timer);
      },
      () => {
        for (const timer of timers) clearInterval(timer);
      },
    ),
    http('a 100 MB response', (_req, res, count) => {
      // One reused chunk, written with backpressure: the receiver itself stays small.
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(HUNDRED_MB) });
      let left = HUNDRED_MB;
      const pump = () => {
        while (left > 0 && !res.destroyed) {
          left -= chunk.length;
          count(chunk.length);
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (left <= 0) res.end();
      };
      res.on('close', () => {
        left = 0;
      });
      pump();
    }),
    http('endless redirects', (req, res) => {
      res.writeHead(307, { location: req.url ?? '/hook' }).end();
    }),
    raw('a Content-Length longer than the body', (socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this');
    }),
    raw('a Content-Length shorter than the body', (socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok${'and then some more bytes '.repeat(20)}`);
    }),
    http('a certificate that does not verify', (_req, res) => res.writeHead(200).end('ok'), { tls }),
    raw('resets the connection', (socket) => socket.resetAndDestroy()),
  ]);
}
