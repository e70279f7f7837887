import type { ApiClient } from '../lib/api.js';
import { publishAll } from '../lib/context.js';
import { presenceEvent } from '../lib/events.js';
import type { ReceiverProcess, ServerProcess } from '../lib/processes.js';

/** Subscribes `fanout` subscriptions to extension 2001's presence at `receiver`. */
export async function subscribeFanout(
  api: ApiClient,
  receiver: ReceiverProcess,
  fanout: number,
): Promise<void> {
  for (let i = 0; i < fanout; i++)
    await api.subscribe(receiver.url, ['/restapi/v1.0/account/~/extension/~/presence']);
}

/** One repetition of (2): the rate, and the server's CPU (every thread of it) per delivery. */
export interface ThroughputRun {
  deliveriesPerSecond: number;
  cpuMicrosPerDelivery: number;
}

/**
 * (2) Sustained delivery throughput: `events` published through the HTTP API in batches of 500,
 * each matching every subscription; deliveries/s from the first publish to the last receipt, and
 * the server process's user + system CPU over the same span divided by the deliveries.
 */
export async function throughput(
  api: ApiClient,
  server: ServerProcess,
  receiver: ReceiverProcess,
  events: number,
  fanout: number,
): Promise<ThroughputRun> {
  await receiver.reset();
  const batch = Array.from({ length: events }, (_, i) => presenceEvent(2001, i));
  const cpu0 = server.cpuMicros();
  const t0 = performance.now();
  const matched = await publishAll(api, batch);
  if (matched !== events * fanout)
    throw new Error(`expected ${events * fanout} deliveries, matched ${matched}`);
  const done = await receiver.waitFor(matched, 600_000);
  if (done.timedOut) throw new Error(`only ${done.received} of ${matched} delivered`);
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = server.cpuMicros();
  const cpu = cpu1.user + cpu1.system - cpu0.user - cpu0.system;
  return { deliveriesPerSecond: matched / seconds, cpuMicrosPerDelivery: cpu / matched };
}
