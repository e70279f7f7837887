import { ApiClient } from '../lib/api.js';
import { withServer } from '../lib/context.js';
import { presenceEvent } from '../lib/events.js';
import type { ReceiverProcess } from '../lib/processes.js';
import { percentile } from '../lib/stats.js';

/**
 * (6) One tenant's hung receivers against another tenant's healthy one (docs/reliability.md
 * "Fair delivery"): `hung` subscriptions of account 1001 to a receiver that never answers, one
 * subscription of account 2000 to a healthy receiver; both accounts publish 10 events/s for
 * `seconds`. Returns the healthy subscription's publish→received latency.
 */
export async function tenantIsolationLatency(
  healthy: ReceiverProcess,
  hanging: ReceiverProcess,
  hung: number,
  seconds: number,
): Promise<{ p50: number; p99: number }> {
  return withServer({ forceStop: true }, async (_server, admin) => {
    for (let i = 0; i < hung; i++)
      await admin.subscribe(hanging.url, ['/restapi/v1.0/account/~/extension/~/presence']);
    const token = await admin.call('POST', '/v1/tokens', {
      role: 'user',
      name: 'bench-tenant',
      accountId: '2000',
      extensionId: '3000',
    });
    if (token.status !== 201) throw new Error(`token failed: ${token.status} ${JSON.stringify(token.json)}`);
    const tenant = new ApiClient(admin.base, token.json.token as string);
    try {
      await tenant.subscribe(healthy.url, ['/restapi/v1.0/account/~/extension/~/presence']);
    } finally {
      await tenant.close();
    }
    await healthy.reset();
    const ticks = Math.max(1, Math.round(seconds * 10));
    const published: Array<Promise<number>> = [];
    const t0 = performance.now();
    for (let tick = 0; tick < ticks; tick++) {
      const flood = {
        ...presenceEvent(2001, tick),
        event: '/restapi/v1.0/account/1001/extension/2001/presence',
      };
      const own = {
        ...presenceEvent(3000, tick, { sentAt: Date.now() }),
        event: '/restapi/v1.0/account/2000/extension/3000/presence',
      };
      published.push(admin.publish([flood]), admin.publish([own]));
      const wait = t0 + (tick + 1) * 100 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    await Promise.all(published);
    const stats = await healthy.waitFor(ticks, 600_000);
    if (stats.timedOut) throw new Error(`tenant isolation: only ${stats.received} of ${ticks}`);
    return { p50: percentile(stats.latencies, 50), p99: percentile(stats.latencies, 99) };
  });
}
