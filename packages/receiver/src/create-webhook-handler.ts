import type { Notification } from './protocol/envelope.js';
import { type NotificationResult, receive } from './receive.js';
import { type ReceiveOptions, resolveReceiveOptions } from './receive-options.js';
import type { WebhookRequest } from './webhook-request.js';
import { acknowledgedResponse, processingFailedResponse, type WebhookResponse } from './webhook-response.js';
import type { WebhookVerificationError } from './webhook-verification-error.js';

/**
 * When the sender gets its answer:
 * - `ack-first` (default): 200 at once, `onNotification` runs afterwards. RingCentral never
 *   retries and blacklists receivers slower than 3 s (ringcentral-protocol.md §5.5, §7.4), so
 *   answering first is the safe choice; a failure is reported to `onError` only.
 * - `process-then-answer`: 200 only after `onNotification` resolves; if it throws, 500, and the
 *   uuid is not remembered, so a sender that retries (Switchboard does) delivers it again.
 */
export type HandlerMode = 'ack-first' | 'process-then-answer';

/** Where `onError` was called from. */
export type WebhookErrorContext =
  | { phase: 'verification'; error: WebhookVerificationError }
  | { phase: 'processing'; error: unknown; notification: Notification };

/** Options of `createWebhookHandler` and of every adapter. */
export interface WebhookHandlerOptions extends ReceiveOptions {
  /** Called once per notification (duplicates are skipped). Narrow its body with `isEvent`. */
  onNotification: (notification: Notification) => void | Promise<void>;
  /** Default `ack-first`. */
  mode?: HandlerMode | undefined;
  /**
   * Called for every refused request (`phase: 'verification'`) and every `onNotification`
   * failure (`phase: 'processing'`). Default: processing failures go to `console.error`,
   * refused requests are not reported (anyone can send them). Errors it throws are ignored.
   */
  onError?: ((context: WebhookErrorContext) => void) | undefined;
}

/** Lets a runtime keep the process alive for work done after the response (Workers' `ctx`). */
export interface HandleContext {
  waitUntil?(promise: Promise<unknown>): void;
}

/** Answers one request; adapters write the returned response as it is. */
export type WebhookHandler = (request: WebhookRequest, context?: HandleContext) => Promise<WebhookResponse>;

/**
 * Wraps `receive()` with your notification callback, duplicate skipping and the answering
 * mode. Every adapter is this handler plus reading the body and writing the response.
 * Options are checked here, so invalid configuration fails at start.
 *
 * @example
 * const handle = createWebhookHandler({
 *   verificationToken: process.env.VERIFICATION_TOKEN,
 *   mode: 'process-then-answer',
 *   onNotification: async (notification) => {
 *     await queue.push(notification);
 *   },
 * });
 * const response = await handle({ headers, rawBody });
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  resolveReceiveOptions(options);
  checkHandlerOptions(options);
  const mode = options.mode ?? 'ack-first';
  const report = reporter(options.onError ?? defaultOnError);
  // process-then-answer: a retry arriving while the first delivery is still being processed
  // waits for that outcome instead of getting a 200 for work that may yet fail.
  const inFlight = new Map<string, Promise<boolean>>();

  async function processNotification(result: NotificationResult): Promise<boolean> {
    try {
      await options.onNotification(result.notification);
      return true;
    } catch (error) {
      report({ phase: 'processing', error, notification: result.notification });
      await forget(result);
      return false;
    }
  }

  // Never rejects: in ack-first mode nobody awaits the processing promise.
  async function forget(result: NotificationResult): Promise<void> {
    try {
      await result.forget();
    } catch (error) {
      report({ phase: 'processing', error, notification: result.notification });
    }
  }

  return async (request, context) => {
    const result = await receive(request, options);
    if (result.kind === 'error') report({ phase: 'verification', error: result.error });
    if (result.kind !== 'notification') return result.response;
    const uuid = result.notification.uuid;
    if (result.duplicate) {
      const pending = mode === 'process-then-answer' ? inFlight.get(uuid) : undefined;
      return pending ? answer(await pending) : result.response;
    }
    if (mode === 'ack-first') {
      const processing = afterResponse(() => processNotification(result));
      context?.waitUntil?.(processing);
      return result.response;
    }
    const processing = processNotification(result);
    inFlight.set(uuid, processing);
    try {
      return answer(await processing);
    } finally {
      inFlight.delete(uuid);
    }
  };
}

function answer(processed: boolean): WebhookResponse {
  return processed ? acknowledgedResponse() : processingFailedResponse();
}

/** Runs `task` after the adapter has written the response (a macrotask later). */
function afterResponse(task: () => Promise<unknown>): Promise<unknown> {
  return new Promise((resolve) => schedule(() => resolve(task())));
}

// setImmediate is Node's (and Bun's); Workers and Deno have only setTimeout.
const schedule: (callback: () => void) => void =
  typeof setImmediate === 'function' ? setImmediate : (callback) => setTimeout(callback, 0);

function reporter(onError: (context: WebhookErrorContext) => void): (context: WebhookErrorContext) => void {
  return (context) => {
    try {
      onError(context);
    } catch {
      // A failing error reporter must not turn a handled request into a crash.
    }
  };
}

function defaultOnError(context: WebhookErrorContext): void {
  if (context.phase === 'processing') {
    console.error(
      `@switchboard/receiver: onNotification failed for ${context.notification.uuid}`,
      context.error,
    );
  }
}

function checkHandlerOptions(options: WebhookHandlerOptions): void {
  if (typeof options.onNotification !== 'function') throw new TypeError('onNotification must be a function');
  if (options.mode !== undefined && options.mode !== 'ack-first' && options.mode !== 'process-then-answer') {
    throw new TypeError("mode must be 'ack-first' or 'process-then-answer'");
  }
}
