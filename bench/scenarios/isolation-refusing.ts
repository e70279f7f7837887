import { publishAll, warmUp, withServer } from '../lib/context.js';
import { presenceEvent } from '../lib/events.js';
import { ReceiverProcess } from '../lib/processes.js';

/**
 * (6) Throughput to 10 healthy subscriptions, alone or beside 10 whose receiver refuses
 * connections — its process gone after the subscriptions were made, the port closed: a crashed
 * app, the commonest failure (docs/reliability.md "Failures are cheap"). Returns healthy
 * deliveries per second, measured after a warm-up of a quarter as many events (`warmUp`): by
 * then the refusing subscriptions are backing off, as a crashed app's are.
 *
 * `otherEvents`: the refusing subscriptions match another extension's events (20 each are
 * published to them before the warm-up), so the healthy ones share nothing with them but the
 * node: what many subscriptions backing off cost the scheduler (docs/reliability.md "Fair
 * delivery"; 1,000 of them once stalled every other delivery).
 */
export async function isolationRefusingRate(
  healthy: ReceiverProcess,
  refusing: number,
  events: number,
  options: { otherEvents?: boolean } = {},
): Promise<number> {
  const crashed = await ReceiverProcess.start();
  let crashedStopped = false;
  try {
    return await withServer({ forceStop: true }, async (_server, api) => {
      for (let i = 0; i < 10; i++)
        await api.subscribe(healthy.url, ['/restapi/v1.0/account/~/extension/~/presence']);
      const refusingFilter = options.otherEvents
        ? '/restapi/v1.0/account/~/extension/3001/presence'
        : '/restapi/v1.0/account/~/extension/~/presence';
      for (let i = 0; i < refusing; i++) await api.subscribe(crashed.url, [refusingFilter]);
      await crashed.stop();
      crashedStopped = true;
      if (options.otherEvents)
        await api.publish(Array.from({ length: 20 }, (_, i) => presenceEvent(3001, i)));
      await warmUp(api, healthy, Math.ceil(events / 4), 10);
      const expected = events * 10;
      const t0 = performance.now();
      await publishAll(
        api,
        Array.from({ length: events }, (_, i) => presenceEvent(2001, i)),
      );
      const done = await healthy.waitFor(expected, 600_000);
      if (done.timedOut) throw new Error(`isolation (refusing): only ${done.received} of ${expected}`);
      return expected / ((performance.now() - t0) / 1000);
    });
  } finally {
    if (!crashedStopped) await crashed.stop();
  }
}
