import { publishAll, warmUp, withServer } from '../lib/context.js';
import { presenceEvent } from '../lib/events.js';
import type { ReceiverProcess } from '../lib/processes.js';

/**
 * (6) Throughput to healthy receivers while `hung` of 20 subscriptions point at a receiver that
 * accepts connections and never answers. Returns healthy deliveries per second, measured after a
 * warm-up of a quarter as many events (`warmUp`): by then the hung ones hold their slots.
 */
export async function isolationRate(
  healthy: ReceiverProcess,
  hanging: ReceiverProcess,
  hung: number,
  events: number,
): Promise<number> {
  // Stopped with SIGKILL: a graceful stop would wait out the hanging requests' delivery timeout.
  return withServer({ forceStop: true }, async (_server, api) => {
    for (let i = 0; i < 20; i++) {
      const target = i < hung ? hanging : healthy;
      await api.subscribe(target.url, ['/restapi/v1.0/account/~/extension/~/presence']);
    }
    await warmUp(api, healthy, Math.ceil(events / 4), 20 - hung);
    const expected = events * (20 - hung);
    const t0 = performance.now();
    await publishAll(
      api,
      Array.from({ length: events }, (_, i) => presenceEvent(2001, i)),
    );
    const done = await healthy.waitFor(expected, 600_000);
    if (done.timedOut) throw new Error(`isolation: only ${done.received} of ${expected}`);
    return expected / ((performance.now() - t0) / 1000);
  });
}
