import type { Cluster } from './cluster.js';

export interface PublishOptions {
  cluster: Cluster;
  /** Events 0 … total-1; event `seq` is published with the publisher id `${idPrefix}-${seq}`. */
  total: number;
  batch: number;
  /** Publishers posting at once, each to the next live node in turn. */
  concurrency: number;
  idPrefix: string;
  path: (seq: number) => string;
  /** A batch not acknowledged within this long fails the run. */
  giveUpMs: number;
  /** More body fields for event `seq` (e.g. an ordering key); the body always has `seq`. */
  bodyOf?: (seq: number) => Record<string, unknown>;
}

export interface PublishReport {
  /** Sequence numbers of events answered 202. */
  acknowledged: Set<number>;
  /** Answers 503 (the API's "store unavailable", CMN-201) and requests that got no answer. */
  unavailable: number;
  unanswered: number;
  startedAt: number;
  finishedAt: number;
}

/**
 * Publishers like real ones: a batch that is not acknowledged is sent again — to the next live
 * node, with the same publisher ids — so a batch committed just before its answer was lost is not
 * duplicated. Every node is used in turn, so each node's filter index is exercised.
 */
export async function publishEvents(o: PublishOptions): Promise<PublishReport> {
  const report: PublishReport = {
    acknowledged: new Set(),
    unavailable: 0,
    unanswered: 0,
    startedAt: performance.now(),
    finishedAt: 0,
  };
  let next = 0;
  let turn = 0;
  const publishBatch = async (start: number) => {
    const events = Array.from({ length: Math.min(o.batch, o.total - start) }, (_, i) => ({
      id: `${o.idPrefix}-${start + i}`,
      event: o.path(start + i),
      body: { ...o.bodyOf?.(start + i), seq: start + i, presenceStatus: 'Available' },
    }));
    const deadline = Date.now() + o.giveUpMs;
    for (let tries = 0; ; tries++) {
      const live = o.cluster.live();
      const node = live[turn++ % Math.max(1, live.length)];
      const res = node
        ? await fetch(`${node.url}/v1/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${node.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ events }),
            signal: AbortSignal.timeout(10_000),
          }).catch(() => null)
        : null;
      if (res?.status === 202) {
        await res.body?.cancel();
        break;
      }
      if (res?.status === 503) report.unavailable += 1;
      else if (!res) report.unanswered += 1;
      else throw new Error(`publish answered ${res.status}: ${await res.text()}`);
      await res?.body?.cancel();
      if (Date.now() > deadline) throw new Error(`a batch was not acknowledged within ${o.giveUpMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** tries)));
    }
    for (const e of events) report.acknowledged.add(e.body.seq);
  };
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (next < o.total) {
        const start = next;
        next += o.batch;
        await publishBatch(start);
      }
    }),
  );
  report.finishedAt = performance.now();
  return report;
}
