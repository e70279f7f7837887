import type { ApiClient } from '../lib/api.js';
import type { ReceiverProcess } from '../lib/processes.js';

/** (8) Subscription-create latency (validation, handshake, commit) against a local receiver, ms. */
export async function handshakeLatencies(
  api: ApiClient,
  receiver: ReceiverProcess,
  count: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const id = await api.subscribe(receiver.url, [
      `/restapi/v1.0/account/1001/extension/${50_000 + i}/presence`,
    ]);
    times.push(performance.now() - t0);
    await api.call('DELETE', `/restapi/v1.0/subscription/${id}`);
  }
  return times;
}
