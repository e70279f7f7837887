/**
 * A sender thread's entry point (started by `SenderThreads`): builds, signs and sends the
 * attempts posted to it over its own keep-alive pools, and posts their outcomes back in batches.
 * It holds nothing the dispatcher cannot lose: the leases, the queue and every record stay on
 * the dispatcher's thread, so a thread that dies costs only its attempts in flight, which are
 * given back and sent again (docs/reliability.md "Sender threads").
 */
import { parentPort, workerData } from 'node:worker_threads';
import { HttpPools } from '../outbound/http-pools.js';
import { sendDelivery } from './send-delivery.js';
import { sendNotification } from './send-notification.js';
import type { FromSenderThread, SenderThreadOptions, ToSenderThread } from './sender-thread-messages.js';

const port = parentPort;
if (!port) throw new Error('sender-thread.js runs as a worker thread only');
const options = workerData as SenderThreadOptions;
const pools = new HttpPools(options.pools);
const bodies = new Map<string, Uint8Array>();
let outcomes: Array<[number, Awaited<ReturnType<typeof sendDelivery>>]> = [];
let unexpected: string[] = [];
let flushScheduled = false;

function post(message: FromSenderThread): void {
  port?.postMessage(message);
}

/** Outcomes finished in one turn of the event loop go back in one message. */
function flushSoon(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(() => {
    flushScheduled = false;
    post({ type: 'outcomes', outcomes, unexpected });
    outcomes = [];
    unexpected = [];
  });
}

port.on('message', (message: ToSenderThread) => {
  if (message.type === 'close') {
    void pools.close().finally(() => post({ type: 'closed' }));
    return;
  }
  for (const eventId of message.release) bodies.delete(eventId);
  for (const [eventId, body] of message.bodies) bodies.set(eventId, body);
  for (const [requestNo, request] of message.requests) {
    const body = bodies.get(request.eventId) ?? new Uint8Array(0);
    void sendDelivery(sendNotification, pools, request, body, (err) => {
      unexpected.push(`${request.deliveryId}: ${err instanceof Error ? err.message : String(err)}`);
    }).then((outcome) => {
      outcomes.push([requestNo, outcome]);
      flushSoon();
    });
  }
});
