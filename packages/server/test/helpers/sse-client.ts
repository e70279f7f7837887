import { type SseEvent, SseParser } from '../../src/cli/tail/sse-parser.js';

export interface SseStream {
  status: number;
  headers: Headers;
  /** Resolves with the next `count` events (bounded: rejects after `timeoutMs`). */
  take(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  close(): Promise<void>;
}

/** Opens `GET url` as an event stream with a bearer token, as a browser's EventSource would. */
export async function openSse(url: string, token: string, lastEventId?: string): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'text/event-stream',
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
    signal: controller.signal,
  });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const queued: SseEvent[] = [];
  return {
    status: response.status,
    headers: response.headers,
    async take(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (queued.length < count) {
        if (!reader) throw new Error('no body');
        const left = deadline - Date.now();
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`only ${queued.length} of ${count} events arrived`)),
            left,
          );
        });
        const { value, done } = await Promise.race([reader.read(), timeout]).finally(() =>
          clearTimeout(timer),
        );
        if (done) throw new Error(`stream ended after ${queued.length} of ${count} events`);
        queued.push(...parser.feed(decoder.decode(value, { stream: true })));
      }
      return queued.splice(0, count);
    },
    async close() {
      controller.abort();
      await reader?.cancel().catch(() => undefined);
    },
  };
}
