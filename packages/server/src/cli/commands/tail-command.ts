import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { ServerError, UnreachableError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { apiCommand } from '../command-builder.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import { describeStreamEvent } from '../tail/describe-stream-event.js';
import { type SseEvent, SseParser } from '../tail/sse-parser.js';
import { integer } from './option-parsers.js';

interface TailFlags extends GlobalFlags {
  subscription?: string;
  count?: number;
}

/** After the stream ends (server restart, a dropped slow client), wait this long, then resume. */
const RECONNECT_MS = 1000;

/**
 * `switchboard tail`: prints the live stream (`GET /v1/stream`) as it happens, like
 * `stripe logs tail`. Reconnects by itself with `Last-Event-ID`, so nothing inside the server's
 * replay window is lost; Ctrl-C stops it.
 */
export function tailCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'tail',
    description: 'Print delivery attempts, dead deliveries and subscription changes as they happen',
    options: (command) =>
      command
        .option('--subscription <id>', 'only this subscription')
        .option('--count <n>', 'stop after this many events', integer(1)),
    examples: [
      'switchboard tail',
      'switchboard tail --subscription 0c3f9a1e-…',
      'switchboard tail --json | jq \'select(.type == "delivery.dead")\'',
    ],
    // Streams: it prints each event itself, `--json` ones as JSON lines.
    run: (ctx: CommandContext<TailFlags>) => tail(ctx),
  });
}

async function tail(ctx: CommandContext<TailFlags>): Promise<void> {
  const { connection } = ctx.client();
  const signal = ctx.io.signal;
  const query = ctx.flags.subscription ? `?subscriptionId=${encodeURIComponent(ctx.flags.subscription)}` : '';
  const parser = new SseParser();
  let printed = 0;
  let connected = false;
  const print = (event: SseEvent): boolean => {
    if (ctx.json) {
      const data = safeJson(event.data);
      ctx.io.stdout.write(`${JSON.stringify({ id: event.id, type: event.event, ...data })}\n`);
    } else ctx.print(describeStreamEvent(event, ctx.style));
    printed += 1;
    return ctx.flags.count !== undefined && printed >= ctx.flags.count;
  };
  while (!signal.aborted) {
    let response: Response;
    try {
      response = await fetch(`${connection.serverUrl}/v1/stream${query}`, {
        headers: {
          authorization: `Bearer ${connection.token}`,
          accept: 'text/event-stream',
          ...(parser.lastEventId ? { 'last-event-id': parser.lastEventId } : {}),
        },
        signal,
      });
    } catch (err) {
      if (signal.aborted) return;
      if (!connected)
        throw new UnreachableError(
          `Cannot reach Switchboard at ${connection.serverUrl} (${(err as Error).message})`,
        );
      await sleep(RECONNECT_MS, undefined, { signal }).catch(() => undefined);
      continue;
    }
    if (!response.ok) throw await streamError(response);
    if (!connected) ctx.note(ctx.errStyle.dim(`Tailing ${connection.serverUrl} (Ctrl-C to stop)`));
    connected = true;
    if (await readEvents(response, parser, print, signal)) return;
    if (signal.aborted) return;
    ctx.note(ctx.errStyle.dim('Stream ended; reconnecting…'));
    await sleep(RECONNECT_MS, undefined, { signal }).catch(() => undefined);
  }
}

/** Reads until the stream ends; true when `print` said to stop. */
async function readEvents(
  response: Response,
  parser: SseParser,
  print: (event: SseEvent) => boolean,
  signal: AbortSignal,
): Promise<boolean> {
  const decoder = new TextDecoder();
  const reader = response.body?.getReader();
  if (!reader) return false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      for (const event of parser.feed(decoder.decode(value, { stream: true }))) {
        if (print(event)) {
          await reader.cancel();
          return true;
        }
      }
    }
  } catch {
    return signal.aborted;
  }
}

async function streamError(response: Response): Promise<ServerError> {
  const text = await response.text();
  const body = safeJson(text) as { errorCode?: string; message?: string };
  return new ServerError(response.status, body.errorCode ?? 'HTTP', body.message ?? text.slice(0, 200), body);
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, unknown>)
      : { data: parsed };
  } catch {
    return { data: text };
  }
}
