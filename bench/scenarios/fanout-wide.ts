import type { ApiClient } from '../lib/api.js';
import { presenceEvent } from '../lib/events.js';
import type { ReceiverProcess } from '../lib/processes.js';
import { subscribeFanout } from './throughput.js';

/** (4) One event to `subscriptions` subscriptions: ms from publish until the last delivery arrived. */
export async function fanoutWide(
  api: ApiClient,
  receiver: ReceiverProcess,
  subscriptions: number,
  repetitions: number,
): Promise<number[]> {
  await subscribeFanout(api, receiver, subscriptions);
  const times: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    await receiver.reset();
    const t0 = performance.now();
    const matched = await api.publish([presenceEvent(2001, r)]);
    const done = await receiver.waitFor(matched, 300_000);
    if (done.timedOut) throw new Error(`fan-out: only ${done.received} of ${matched}`);
    times.push(performance.now() - t0);
  }
  return times;
}
