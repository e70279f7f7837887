import { publishAll, withServer } from '../lib/context.js';
import { presenceEvent } from '../lib/events.js';
import type { ReceiverProcess } from '../lib/processes.js';

/** The key every event carries in its body; `k0` is the one a hung receiver holds in the stuck run. */
export const STUCK_KEY_MATCH = '"orderKey":"k0"';

export type OrderedMode = 'unordered' | 'ordered' | 'ordered, k0 hung';

/**
 * (10) One subscription, `events` presence events spread round-robin over `keys` keys (body
 * `orderKey`): delivered unordered, ordered per key (docs/ordering.md), or ordered while the
 * receiver never answers key k0 (`receiver` started with HANG_MATCH). Returns the deliveries per
 * second of the keys that can be delivered (all, or all but k0).
 */
export async function orderedRate(
  receiver: ReceiverProcess,
  mode: OrderedMode,
  events: number,
  keys: number,
  /** Keys are `<prefix>0…`: `j` gives keys the stuck receiver never holds (its none-hung baseline). */
  keyPrefix = 'k',
): Promise<number> {
  return withServer({ forceStop: true }, async (_server, api) => {
    const ordering = mode === 'unordered' ? {} : { ordering: { key: 'body.orderKey' } };
    await api.subscribe(receiver.url, ['/restapi/v1.0/account/~/extension/~/presence'], ordering);
    await receiver.reset();
    const all = Array.from({ length: events }, (_, i) =>
      presenceEvent(2001, i, { orderKey: `${keyPrefix}${i % keys}` }),
    );
    const expected = mode === 'ordered, k0 hung' ? all.filter((_, i) => i % keys !== 0).length : events;
    const t0 = performance.now();
    await publishAll(api, all);
    const done = await receiver.waitFor(expected, 600_000);
    if (done.timedOut) throw new Error(`ordered (${mode}): only ${done.received} of ${expected}`);
    return expected / ((performance.now() - t0) / 1000);
  });
}
