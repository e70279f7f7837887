/**
 * Imported first by `crash-once-sender-thread.ts`, so its listener hears each batch before the
 * real thread's: the first delivery of a subscription addressed to `/crash-once` ends the thread
 * (remembered per subscription in a marker file, so the thread replacing it sends everything).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { ToSenderThread } from '../../../src/dispatcher/sender-thread-messages.js';

parentPort?.on('message', (message: ToSenderThread) => {
  if (message.type !== 'send') return;
  for (const [, request] of message.requests) {
    const marker = join(tmpdir(), `switchboard-crash-once-${request.subscriptionId}`);
    if (request.address.endsWith('/crash-once') && !existsSync(marker)) {
      writeFileSync(marker, '');
      process.exit(1);
    }
  }
});
