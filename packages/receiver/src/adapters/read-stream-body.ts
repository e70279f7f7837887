import type { Readable } from 'node:stream';

/**
 * Reads a Node stream's bytes, but at most `maxBytes + 1` of them: enough for `receive()` to
 * see that the body is too large, never more in memory. The rest is left to drain unread
 * (Node's HTTP server discards it once the response is sent), so the 413 can still be written.
 */
export function readStreamBody(stream: Readable, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = (error?: Error): void => {
      stream.off('data', onData).off('end', onEnd).off('error', finish).off('close', onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, Math.min(length, maxBytes + 1)));
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(bytes);
      length += bytes.length;
      if (length > maxBytes) finish();
    };
    const onEnd = (): void => finish();
    const onClose = (): void => finish(new Error('the request was closed before its body was complete'));
    stream.on('data', onData).on('end', onEnd).on('error', finish).on('close', onClose);
  });
}
