/**
 * A sender thread that, asked to send, allocates as a busy sender does (many small objects, each
 * dropped soon) and answers every request with the size its young generation grew to, in MB.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { FromSenderThread, ToSenderThread } from '../../../src/dispatcher/sender-thread-messages.js';

parentPort?.on('message', (message: ToSenderThread) => {
  if (message.type === 'close') parentPort?.postMessage({ type: 'closed' } satisfies FromSenderThread);
  if (message.type !== 'send') return;
  let kept: Array<{ n: number; text: string }> = [];
  for (let n = 0; n < 3_000_000; n++) {
    kept.push({ n, text: `request ${n}` });
    if (kept.length > 2_000) kept = [];
  }
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  const mb = (young?.space_size ?? 0) / 1024 / 1024;
  const reply = {
    type: 'outcomes',
    unexpected: [],
    outcomes: message.requests.map(([requestNo]) => [requestNo, { youngGenerationMb: mb }]),
  };
  parentPort?.postMessage(reply as unknown as FromSenderThread);
});
